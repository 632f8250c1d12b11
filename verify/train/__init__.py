"""Training the bundled offline NLI model (run with `python -m verify.train`)."""
