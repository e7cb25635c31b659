"""S3 as AWS answers it, in front of moto's server: what moto does not check, checked here.

- Header-signed calls (the functions' SDK) pass through untouched: moto, with IAM
  enforcement on, verifies their signature and evaluates the caller's policies.
- Presigned URLs (handed to browsers) and presigned POST forms (uploads) are verified here,
  as S3 does: signature with the signer's secret, expiry, and every condition of the POST
  policy (bucket, key, Content-Type, content-length-range; no field left uncovered). They are
  then carried out in the signer's name, so moto evaluates the signer's IAM policy: a URL
  signed by a role that may not read the object is refused, as in AWS.
- GET/HEAD of a missing key answers 403 AccessDenied, not 404, unless the caller may
  ``s3:ListBucket`` the bucket (S3's rule; moto answers 404 regardless).
- Anything unsigned is refused: the bucket is private.

Not enforced (moto or this gate cannot): bucket policies (TLS-only), KMS, IAM condition
keys beyond moto's "very basic" evaluation, object ownership, S3's 5 GB single-PUT limit.
"""

import base64
import hashlib
import hmac
import http.client
import io
import json
import logging
import threading
from dataclasses import dataclass, field
from datetime import UTC, datetime, timedelta
from http.server import BaseHTTPRequestHandler
from urllib.parse import parse_qsl, quote, unquote, urlsplit

from devstack.http_server import LocalHTTPServer

_HOP_BY_HOP = {"connection", "keep-alive", "transfer-encoding", "content-length", "server",
               "date"}  # fmt: skip
_VERSION_ACTIONS = {"GET": "s3:GetObjectVersion", "HEAD": "s3:GetObjectVersion",
                    "DELETE": "s3:DeleteObjectVersion"}  # fmt: skip
_POST_FIELDS_EXEMPT = {"file", "policy", "x-amz-signature"}


@dataclass
class Identity:
    """One caller: a function's role (its keys and IAM policies) or the local administrator."""

    name: str
    access_key_id: str
    secret_access_key: str
    policies: list[dict] = field(default_factory=list)  # empty: unrestricted

    def may(self, action: str, resource: str) -> bool:
        if not self.policies:
            return True
        from moto.iam.access_control import IAMPolicy, PermissionResult

        results = [IAMPolicy(json.dumps(p)).is_action_permitted(action, resource)
                   for p in self.policies]  # fmt: skip
        return PermissionResult.DENIED not in results and PermissionResult.PERMITTED in results


def _signing_key(secret: str, date: str, region: str, service: str) -> bytes:
    key = f"AWS4{secret}".encode()
    for part in (date, region, service, "aws4_request"):
        key = hmac.new(key, part.encode(), hashlib.sha256).digest()
    return key


def _hex_hmac(key: bytes, text: str) -> str:
    return hmac.new(key, text.encode(), hashlib.sha256).hexdigest()


def _error(status: int, code: str, message: str) -> tuple[int, dict, bytes]:
    body = (f'<?xml version="1.0" encoding="UTF-8"?>\n<Error><Code>{code}</Code>'
            f"<Message>{message}</Message></Error>").encode()  # fmt: skip
    return status, {"Content-Type": "application/xml"}, body


class Refused(Exception):
    def __init__(self, status: int, code: str, message: str):
        super().__init__(message)
        self.answer = _error(status, code, message)


def _signature_mismatch() -> Refused:
    return Refused(
        403,
        "SignatureDoesNotMatch",
        "The request signature we calculated does not match the signature you provided.",
    )


def _query(pairs) -> str:
    """A query string as SigV4 canonicalises it (RFC 3986 unreserved characters kept)."""
    return "&".join(f"{quote(k, safe='-_.~')}={quote(v, safe='-_.~')}" for k, v in pairs)


class S3Gate:
    def __init__(self, port: int, upstream_port: int, region: str,
                 allowed_origins: tuple[str, ...] = ("*",)):  # fmt: skip
        self.port = port
        self.upstream_port = upstream_port
        self.region = region
        # the bucket's CORS rule, for the answers the gate makes itself (form uploads)
        self.allowed_origins = allowed_origins
        self.identities: dict[str, Identity] = {}
        self.server: LocalHTTPServer | None = None

    @property
    def endpoint(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    def add(self, identity: Identity) -> None:
        self.identities[identity.access_key_id] = identity

    def identity(self, access_key_id: str) -> Identity:
        found = self.identities.get(access_key_id)
        if found is None:
            raise Refused(403, "InvalidAccessKeyId", "The AWS access key Id you provided "
                          "does not exist in our records.")  # fmt: skip
        return found

    # --- the three ways a request is signed ------------------------------------------------

    def handle(self, method: str, raw_path: str, headers: dict, body: bytes):
        if method == "OPTIONS":  # CORS preflight: moto answers from the bucket's CORS rules
            return self._forward(method, raw_path, headers, body)
        if "authorization" in headers:
            key_id = headers["authorization"].split("Credential=", 1)[-1].split("/", 1)[0]
            identity = self.identity(key_id)
            self._authorize_version(identity, method, raw_path)
            answer = self._forward(method, raw_path, headers, body)
            if method == "POST" and "delete" in dict(
                parse_qsl(urlsplit(raw_path).query, keep_blank_values=True)
            ):
                return self._delete_objects_per_key(identity, raw_path, answer)
            return self._missing_as_denied(identity, method, raw_path, answer)
        path, _, query = raw_path.partition("?")
        params = parse_qsl(query, keep_blank_values=True)
        if any(k == "X-Amz-Credential" for k, _ in params):
            identity = self._verify_presigned_url(method, path, params, headers)
            return self._missing_as_denied(
                identity, method, raw_path,
                self._as(identity, method, path, [(k, v) for k, v in params
                                                  if not k.startswith("X-Amz-")], headers),
            )  # fmt: skip
        if method == "POST" and headers.get("content-type", "").startswith("multipart/form-data"):
            return self._post_form(path, headers, body)
        raise Refused(403, "AccessDenied", "Access Denied")

    def _verify_presigned_url(self, method: str, path: str, params: list, headers: dict):
        values = dict(params)
        credential = values["X-Amz-Credential"].split("/")
        identity = self.identity(credential[0])
        signed_at = datetime.strptime(values["X-Amz-Date"], "%Y%m%dT%H%M%SZ").replace(tzinfo=UTC)
        if datetime.now(UTC) > signed_at + timedelta(seconds=int(values["X-Amz-Expires"])):
            raise Refused(403, "AccessDenied", "Request has expired")
        signed_headers = values["X-Amz-SignedHeaders"].split(";")
        canonical_query = _query(sorted(p for p in params if p[0] != "X-Amz-Signature"))
        canonical_headers = "".join(f"{h}:{headers.get(h, '').strip()}\n" for h in signed_headers)
        canonical = "\n".join([method, path, canonical_query, canonical_headers,
                               ";".join(signed_headers), "UNSIGNED-PAYLOAD"])  # fmt: skip
        scope = "/".join(credential[1:])
        to_sign = "\n".join(["AWS4-HMAC-SHA256", values["X-Amz-Date"], scope,
                             hashlib.sha256(canonical.encode()).hexdigest()])  # fmt: skip
        key = _signing_key(identity.secret_access_key, *credential[1:4])
        if not hmac.compare_digest(_hex_hmac(key, to_sign), values.get("X-Amz-Signature", "")):
            raise _signature_mismatch()
        return identity

    def _post_form(self, path: str, headers: dict, body: bytes):
        from werkzeug.formparser import parse_form_data

        environ = {
            "wsgi.input": io.BytesIO(body),
            "REQUEST_METHOD": "POST",
            "CONTENT_TYPE": headers["content-type"],
            "CONTENT_LENGTH": str(len(body)),
        }
        _, form, files = parse_form_data(environ)
        fields = {k.lower(): v for k, v in form.items()}
        if "file" not in files or "policy" not in fields:
            raise Refused(400, "InvalidArgument", "POST requires a policy and a file")
        data = files["file"].read()
        bucket = unquote(path.strip("/").split("/", 1)[0])
        credential = fields.get("x-amz-credential", "").split("/")
        identity = self.identity(credential[0])
        key = _signing_key(identity.secret_access_key, *credential[1:4])
        if not hmac.compare_digest(_hex_hmac(key, fields["policy"]),
                                   fields.get("x-amz-signature", "")):  # fmt: skip
            raise _signature_mismatch()
        policy = json.loads(base64.b64decode(fields["policy"]))
        expires = datetime.fromisoformat(policy["expiration"].replace("Z", "+00:00"))
        if datetime.now(UTC) > expires:
            raise Refused(403, "AccessDenied", "Invalid according to Policy: Policy expired.")
        self._check_conditions(policy["conditions"], {**fields, "bucket": bucket}, len(data))
        answer = self._as(identity, "PUT", f"/{quote(bucket)}/{quote(fields['key'])}", [],
                          {"content-type": fields.get("content-type",
                                                      "binary/octet-stream")}, data)  # fmt: skip
        if answer[0] != 200:
            return answer
        status = int(fields.get("success_action_status", "204"))
        return (status if status in (200, 201) else 204), {"ETag": answer[1].get("ETag", "")}, b""

    @staticmethod
    def _check_conditions(conditions: list, fields: dict, size: int) -> None:
        covered = {"bucket"}

        def refuse(why: str):
            raise Refused(403, "AccessDenied", f"Invalid according to Policy: {why}")

        for condition in conditions:
            if isinstance(condition, dict):
                ((name, expected),) = condition.items()
                covered.add(name.lower())
                if fields.get(name.lower()) != expected:
                    refuse(f'Policy Condition failed: ["eq", "${name}", "{expected}"]')
            elif condition[0] == "content-length-range":
                if size > condition[2]:
                    raise Refused(400, "EntityTooLarge", "Your proposed upload exceeds the "
                                  "maximum allowed size")  # fmt: skip
                if size < condition[1]:
                    raise Refused(400, "EntityTooSmall", "Your proposed upload is smaller "
                                  "than the minimum allowed size")  # fmt: skip
            else:
                operator, name, expected = condition
                name = name.lstrip("$").lower()
                covered.add(name)
                value = fields.get(name, "")
                if (operator == "eq" and value != expected) or (
                    operator == "starts-with" and not value.startswith(expected)
                ):
                    refuse(f'Policy Condition failed: ["{operator}", "${name}"]')
        extra = {f for f in fields if f not in covered and f not in _POST_FIELDS_EXEMPT
                 and not f.startswith("x-ignore-")}  # fmt: skip
        if extra:
            refuse(f"Extra input fields: {', '.join(sorted(extra))}")

    # --- carrying requests out ---------------------------------------------------------------

    def _as(self, identity: Identity, method: str, path: str, params: list, headers: dict,
            body: bytes = b""):  # fmt: skip
        """The request, signed in the header with ``identity``'s keys (moto checks its IAM)."""
        from botocore.auth import S3SigV4Auth
        from botocore.awsrequest import AWSRequest
        from botocore.credentials import Credentials

        target = path + (f"?{_query(params)}" if params else "")
        keep = {k: v for k, v in headers.items() if k in ("content-type", "range")}
        request = AWSRequest(method=method, url=f"http://127.0.0.1:{self.upstream_port}{target}",
                             data=body, headers=keep)  # fmt: skip
        credentials = Credentials(identity.access_key_id, identity.secret_access_key)
        S3SigV4Auth(credentials, "s3", self.region).add_auth(request)
        signed = {k.lower(): v for k, v in request.prepare().headers.items()}
        return self._forward(method, target, signed, body)

    def _forward(self, method: str, raw_path: str, headers: dict, body: bytes):
        connection = http.client.HTTPConnection("127.0.0.1", self.upstream_port, timeout=60)
        try:
            connection.request(method, raw_path, body=body or None, headers=headers)
            answer = connection.getresponse()
            payload = answer.read()
            kept = {k: v for k, v in answer.getheaders() if k.lower() not in _HOP_BY_HOP}
            if method == "HEAD":  # the object's length, though no body follows
                kept["Content-Length"] = answer.getheader("content-length", "0")
            return answer.status, kept, payload
        finally:
            connection.close()

    def _delete_objects_per_key(self, identity: Identity, raw_path: str, answer):
        """DeleteObjects as S3 authorises it: s3:DeleteObject on each key (moto checks the
        bucket's ARN, refusing every key of a role granted per-prefix deletes)."""
        import xml.etree.ElementTree as ElementTree

        if answer[0] != 200:
            return answer
        bucket = unquote(urlsplit(raw_path).path.strip("/").split("/", 1)[0])
        space = "{http://s3.amazonaws.com/doc/2006-03-01/}"
        result = ElementTree.fromstring(answer[2])  # noqa: S314 - moto's own answer
        admin = next(i for i in self.identities.values() if not i.policies)
        for error in list(result):
            if error.tag.removeprefix(space) != "Error":
                continue
            key = error.findtext(f"{space}Key") or error.findtext("Key")
            code = error.findtext(f"{space}Code") or error.findtext("Code")
            if code == "AccessDenied" and identity.may(
                "s3:DeleteObject", f"arn:aws:s3:::{bucket}/{key}"
            ):
                self._as(admin, "DELETE", f"/{quote(bucket)}/{quote(key)}", [], {})
                result.remove(error)
                deleted = ElementTree.SubElement(result, f"{space}Deleted")
                ElementTree.SubElement(deleted, f"{space}Key").text = key
        return answer[0], answer[1], ElementTree.tostring(result, xml_declaration=True)

    def _authorize_version(self, identity: Identity, method: str, raw_path: str) -> None:
        """A request naming a version needs the version's own action, as S3 requires
        (s3:GetObjectVersion, s3:DeleteObjectVersion); moto asks for the plain one."""
        split = urlsplit(raw_path)
        if "versionId" not in dict(parse_qsl(split.query, keep_blank_values=True)):
            return
        action = _VERSION_ACTIONS.get(method)
        resource = f"arn:aws:s3:::{unquote(split.path.strip('/'))}"
        if action and not identity.may(action, resource):
            raise Refused(403, "AccessDenied", "Access Denied")

    def _missing_as_denied(self, identity: Identity, method: str, raw_path: str, answer):
        """S3 answers 403 for a missing key to a caller who may not list the bucket."""
        path = urlsplit(raw_path).path.strip("/")
        if answer[0] != 404 or method not in ("GET", "HEAD") or "/" not in path:
            return answer
        bucket = unquote(path.split("/", 1)[0])
        if identity.may("s3:ListBucket", f"arn:aws:s3:::{bucket}"):
            return answer
        return _error(403, "AccessDenied", "Access Denied")

    # --- the HTTP server ---------------------------------------------------------------------

    def start(self) -> None:
        gate = self

        class Handler(BaseHTTPRequestHandler):
            protocol_version = "HTTP/1.1"
            disable_nagle_algorithm = True

            def log_message(self, format, *args):
                pass

            def _handle(self):
                length = int(self.headers.get("content-length") or 0)
                body = self.rfile.read(length) if length else b""
                headers = {k.lower(): v for k, v in self.headers.items()}
                try:
                    status, out, payload = gate.handle(self.command, self.path, headers, body)
                except Refused as refused:
                    status, out, payload = refused.answer
                except Exception:
                    logging.getLogger(__name__).exception("the S3 gate failed")
                    status, out, payload = _error(500, "InternalError", "gate failure")
                origin = headers.get("origin")
                if origin and ("*" in gate.allowed_origins or origin in gate.allowed_origins):
                    out = {k: v for k, v in out.items()
                           if not k.lower().startswith("access-control-")}  # fmt: skip
                    out["Access-Control-Allow-Origin"] = origin
                    out["Vary"] = "Origin"
                    if self.command == "OPTIONS":
                        out["Access-Control-Allow-Methods"] = "GET, HEAD, POST"
                        out["Access-Control-Allow-Headers"] = headers.get(
                            "access-control-request-headers", "*"
                        )
                        out["Access-Control-Max-Age"] = "3600"
                self.send_response(status)
                for name, value in out.items():
                    self.send_header(name, value)
                if "Content-Length" not in out:
                    self.send_header("Content-Length", str(len(payload)))
                self.end_headers()
                if self.command != "HEAD":
                    self.wfile.write(payload)

            do_GET = do_HEAD = do_PUT = do_POST = do_DELETE = do_OPTIONS = _handle

        self.server = LocalHTTPServer(("127.0.0.1", self.port), Handler)
        threading.Thread(target=self.server.serve_forever, name="s3-gate", daemon=True).start()

    def stop(self) -> None:
        if self.server is not None:
            self.server.shutdown()
            self.server.server_close()
            self.server = None
