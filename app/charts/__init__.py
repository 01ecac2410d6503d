"""Pure plotly figure builders: plain DTOs in, go.Figure out (no reflex, no database)."""
