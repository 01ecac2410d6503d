"""Peer benchmarks: the nightly computation, what CSMs read and export, and the metric values they come from."""
