"""The AWS infrastructure of Pingvas Gallery (CDK): one set of stacks per environment."""
