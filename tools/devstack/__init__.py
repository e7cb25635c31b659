"""The local stack: real PostgreSQL, moto's S3/SQS server and a local API gateway."""
