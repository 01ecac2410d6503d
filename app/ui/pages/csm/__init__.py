"""The customer success manager's pages: organizations and peer benchmarks, with the components only they use."""
