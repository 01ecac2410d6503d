"""Training: the catalog, quiz attempts, completion, certificates and their credentials, content and authoring."""
