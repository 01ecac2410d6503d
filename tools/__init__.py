"""Developer tools kept out of the app package: the benchmark performance measurement and scratch databases."""
