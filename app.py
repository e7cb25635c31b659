#!/usr/bin/env python3
"""The CDK app: ``cdk synth|deploy -c env=dev|staging|prod`` (settings in cdk.json)."""

import sys
from pathlib import Path

import aws_cdk as cdk

sys.path.insert(0, str(Path(__file__).parent / "layers" / "core" / "python"))

from stacks.app import build

app = cdk.App()
build(app, app.node.try_get_context("env") or "dev")
app.synth()
