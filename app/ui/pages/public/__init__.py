"""Pages anyone may open: sign-in, certificate checks, the home redirect, "forbidden" and "not found"."""
