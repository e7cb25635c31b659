"""Object storage (S3) and short-lived URLs for private objects."""
