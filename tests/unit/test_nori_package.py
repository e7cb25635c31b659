"""The custom resource that associates analysis-nori with the search domain and waits for it
(stacks/handlers/nori_package.py). botocore's Stubber stands in for the OpenSearch Service
API: it checks the requests botocore would send and plays AWS's documented answers."""

import boto3
import pytest
from botocore.stub import Stubber

from stacks.handlers import nori_package

DOMAIN = "pingvas-dev-search"
CREATE = {"RequestType": "Create", "ResourceProperties": {
    "DomainName": DOMAIN, "EngineVersion": "OpenSearch_2.19"}}  # fmt: skip


@pytest.fixture
def api(monkeypatch):
    client = boto3.client("opensearch", region_name="ap-northeast-2",
                          aws_access_key_id="x", aws_secret_access_key="x")  # fmt: skip
    monkeypatch.setattr(nori_package, "_client", lambda: client)
    with Stubber(client) as stub:
        yield stub
        stub.assert_no_pending_responses()


def package(package_id: str, status: str) -> dict:
    return {"PackageID": package_id, "PackageName": "analysis-nori", "PackageType": "ZIP-PLUGIN",
            "DomainName": DOMAIN, "DomainPackageStatus": status}  # fmt: skip


def test_create_looks_nori_up_for_the_engine_version_and_associates_it(api):
    filters = [{"Name": "PackageName", "Value": ["analysis-nori"]},
               {"Name": "PackageType", "Value": ["ZIP-PLUGIN"]},
               {"Name": "EngineVersion", "Value": ["OpenSearch_2.19"]}]  # fmt: skip
    listed = {"PackageDetailsList": [{"PackageID": "G79602591", "PackageName": "analysis-nori"}]}
    api.add_response("describe_packages", listed, {"Filters": filters})
    api.add_response("list_packages_for_domain", {"DomainPackageDetailsList": []},
                     {"DomainName": DOMAIN})  # fmt: skip
    api.add_response("associate_package",
                     {"DomainPackageDetails": package("G79602591", "ASSOCIATING")},
                     {"PackageID": "G79602591", "DomainName": DOMAIN})  # fmt: skip
    answer = nori_package.on_event(CREATE, None)
    assert answer["Data"] == {"PackageId": "G79602591"}


def test_a_configured_package_id_is_used_and_an_active_association_is_left_alone(api):
    event = {**CREATE, "ResourceProperties": {**CREATE["ResourceProperties"],
                                              "PackageId": "G11111111"}}  # fmt: skip
    api.add_response("list_packages_for_domain",
                     {"DomainPackageDetailsList": [package("G11111111", "ACTIVE")]})  # fmt: skip
    assert nori_package.on_event(event, None)["Data"] == {"PackageId": "G11111111"}


def test_no_single_nori_package_for_the_engine_version_fails_the_deploy_with_what_was_found(api):
    api.add_response("describe_packages", {"PackageDetailsList": []})
    with pytest.raises(RuntimeError, match="expected one analysis-nori package"):
        nori_package.on_event(CREATE, None)


def test_the_resource_is_complete_only_once_the_association_is_active(api):
    event = {**CREATE, "Data": {"PackageId": "G79602591"}}
    associating = {"DomainPackageDetailsList": [package("G79602591", "ASSOCIATING")]}
    api.add_response("list_packages_for_domain", associating)
    assert nori_package.is_complete(event, None) == {"IsComplete": False}
    api.add_response("list_packages_for_domain", {"DomainPackageDetailsList": []})
    assert nori_package.is_complete(event, None) == {"IsComplete": False}  # not listed yet
    api.add_response("list_packages_for_domain",
                     {"DomainPackageDetailsList": [package("G79602591", "ACTIVE")]})  # fmt: skip
    assert nori_package.is_complete(event, None)["IsComplete"] is True


def test_a_failed_association_fails_the_deploy(api):
    event = {**CREATE, "Data": {"PackageId": "G79602591"}}
    failed = {**package("G79602591", "ASSOCIATION_FAILED"),
              "ErrorDetails": {"ErrorType": "x", "ErrorMessage": "incompatible"}}  # fmt: skip
    api.add_response("list_packages_for_domain", {"DomainPackageDetailsList": [failed]})
    with pytest.raises(RuntimeError, match="incompatible"):
        nori_package.is_complete(event, None)


def test_delete_leaves_the_domain_as_it_is(api):
    event = {"RequestType": "Delete", "PhysicalResourceId": f"{DOMAIN}/G79602591",
             "ResourceProperties": CREATE["ResourceProperties"]}  # fmt: skip
    assert nori_package.on_event(event, None) == {"PhysicalResourceId": f"{DOMAIN}/G79602591"}
    assert nori_package.is_complete(event, None) == {"IsComplete": True}
