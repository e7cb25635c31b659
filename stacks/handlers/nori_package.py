"""The analysis-nori package on the search domain, as a CloudFormation custom resource (a CDK
Provider): ``on_event`` looks the package up (unless configured) and associates it;
``is_complete``, polled by the Provider, reports done only once the association is ACTIVE,
so nothing deployed after the search stack (the deploy trigger's index) runs before nori."""

import boto3

NORI = "analysis-nori"


def _client():
    return boto3.client("opensearch")


def package_id(client, engine_version: str, configured: str | None) -> str:
    """The configured id, or the one AWS lists for analysis-nori on this engine version."""
    if configured:
        return configured
    found = client.describe_packages(Filters=[
        {"Name": "PackageName", "Value": [NORI]},
        {"Name": "PackageType", "Value": ["ZIP-PLUGIN"]},
        {"Name": "EngineVersion", "Value": [engine_version]},
    ])["PackageDetailsList"]  # fmt: skip
    if len(found) != 1:
        ids = [p["PackageID"] for p in found]
        raise RuntimeError(f"expected one {NORI} package for {engine_version}, found {ids}")
    return found[0]["PackageID"]


def association(client, domain: str, package: str) -> dict | None:
    listed = client.list_packages_for_domain(DomainName=domain)["DomainPackageDetailsList"]
    return next((p for p in listed if p["PackageID"] == package), None)


def on_event(event, _context):
    properties = event["ResourceProperties"]
    if event["RequestType"] == "Delete":
        # the domain goes with its stack (or stays, in prod, with its plugin): nothing to undo
        return {"PhysicalResourceId": event["PhysicalResourceId"]}
    client = _client()
    domain = properties["DomainName"]
    package = package_id(client, properties["EngineVersion"], properties.get("PackageId"))
    current = association(client, domain, package)
    if current is None or current["DomainPackageStatus"].endswith("FAILED"):
        client.associate_package(PackageID=package, DomainName=domain)
    return {"PhysicalResourceId": f"{domain}/{package}", "Data": {"PackageId": package}}


def is_complete(event, _context):
    if event["RequestType"] == "Delete":
        return {"IsComplete": True}
    domain = event["ResourceProperties"]["DomainName"]
    package = event["Data"]["PackageId"]
    current = association(_client(), domain, package)
    status = current["DomainPackageStatus"] if current else "MISSING"
    if status == "ACTIVE":
        return {"IsComplete": True, "Data": {"PackageId": package}}
    if status == "ASSOCIATION_FAILED":
        raise RuntimeError(f"{NORI} ({package}) on {domain}: {current.get('ErrorDetails')}")
    # ASSOCIATING (a blue/green deployment of the domain), or not listed yet
    return {"IsComplete": False}
