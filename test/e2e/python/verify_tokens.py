"""Verifies InferaDB vault tokens the way a third-party Python client would (run by
test/e2e/python/tokens.test.ts with /usr/bin/python3; needs PyJWT and cryptography).

Reads one JSON object on stdin:

    {"base": "http://127.0.0.1:PORT", "org_id": "...", "vault_id": "...",
     "issuer": "...", "audience": "...", "assertion_audience": "...",
     "user": {"id": "...", "token": "<access token>"},
     "client": {"id": "...", "kid": "...", "seed": "<base64 32-byte seed>", "token": "<access token>"}}

Fetches the organization's JWKS and the global JWKS over HTTP, verifies the user's and the
client's token against both (EdDSA, kid lookup, iss, aud, exp, claim types, scope names), builds
its own RFC 7523 client assertion from the seed, exchanges it at POST /v1/token, verifies that
token too, and checks that `alg: none` and HS256 assertions are refused (401 invalid_client).
Prints one JSON object with what it saw on stdout; any failed check raises (exit status 1, the
traceback on stderr).
"""

import base64
import json
import sys
import time
import urllib.error
import urllib.parse
import urllib.request
import uuid

import jwt
from cryptography.hazmat.primitives.asymmetric.ed25519 import Ed25519PrivateKey
from cryptography.hazmat.primitives.serialization import Encoding, PublicFormat

# Straight to the test server, whatever proxy the environment names.
OPENER = urllib.request.build_opener(urllib.request.ProxyHandler({}))


def check(cond, what):
    if not cond:
        raise AssertionError(what)


def http(method, url, data=None, headers=None):
    """(status, parsed JSON body) of one request; HTTP errors are answers, not exceptions."""
    req = urllib.request.Request(url, data=data, method=method, headers=headers or {})
    try:
        with OPENER.open(req, timeout=10) as res:
            return res.status, json.loads(res.read() or b"{}")
    except urllib.error.HTTPError as err:
        body = err.read()
        return err.code, json.loads(body) if body else {}


def fetch_jwks(url):
    status, body = http("GET", url)
    check(status == 200, f"GET {url}: {status}")
    keys = body.get("keys")
    check(isinstance(keys, list) and keys, f"{url}: no keys")
    return {k["kid"]: k for k in keys}


def verify(token, jwks_sets, cfg, expected):
    """Verifies `token` against every JWKS in `jwks_sets`; returns the claims."""
    header = jwt.get_unverified_header(token)
    check(header.get("alg") == "EdDSA", f"alg {header.get('alg')}")
    kid = header.get("kid")
    check(isinstance(kid, str) and kid, "no kid")
    claims = None
    for name, jwks in jwks_sets.items():
        jwk = jwks.get(kid)
        check(jwk is not None, f"kid {kid} not in the {name} JWKS")
        check(jwk["kty"] == "OKP" and jwk["crv"] == "Ed25519", f"{name}: not an Ed25519 key")
        key = jwt.PyJWK(jwk).key
        claims = jwt.decode(
            token,
            key,
            algorithms=["EdDSA"],
            audience=cfg["audience"],
            issuer=cfg["issuer"],
            options={"require": ["exp", "iat", "iss", "aud", "sub", "jti"]},
        )
        # The same key refuses a wrong audience and a tampered signature.
        try:
            jwt.decode(token, key, algorithms=["EdDSA"], audience="https://example.com/other")
            raise AssertionError("a wrong audience was accepted")
        except jwt.InvalidAudienceError:
            pass
        head, payload, sig = token.split(".")
        flipped = sig[:-2] + ("A" if sig[-2] != "A" else "B") + sig[-1]
        try:
            jwt.decode(f"{head}.{payload}.{flipped}", key, algorithms=["EdDSA"], audience=cfg["audience"])
            raise AssertionError("a tampered signature was accepted")
        except jwt.InvalidSignatureError:
            pass
    now = time.time()
    check(claims["exp"] > now, "expired")
    check(claims["iat"] <= now + 5, "iat in the future")
    check(claims["sub"] == expected["sub"], f"sub {claims['sub']}")
    for field in ("org_id", "vault_id"):
        check(isinstance(claims[field], str), f"{field} is not a string")
    check(claims["org_id"] == cfg["org_id"], "org_id")
    check(claims["vault_id"] == cfg["vault_id"], "vault_id")
    check(claims["vault_role"] == expected["role"], f"vault_role {claims['vault_role']}")
    scopes = claims["scope"].split(" ")
    check(all(s.startswith("inferadb.") for s in scopes), f"scope {claims['scope']}")
    check("inferadb.check" in scopes, "no inferadb.check scope")
    uuid.UUID(claims["jti"])
    return {"kid": kid, "claims": claims}


def assertion_claims(cfg):
    now = int(time.time())
    cid = cfg["client"]["id"]
    return {
        "iss": cid,
        "sub": cid,
        "aud": cfg["assertion_audience"],
        "iat": now,
        "exp": now + 30,
        "jti": str(uuid.uuid4()),
    }


def exchange(cfg, client_assertion):
    form = urllib.parse.urlencode(
        {
            "grant_type": "client_credentials",
            "client_assertion_type": "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
            "client_assertion": client_assertion,
            "vault_id": cfg["vault_id"],
        }
    ).encode()
    return http(
        "POST",
        cfg["base"] + "/v1/token",
        data=form,
        headers={"content-type": "application/x-www-form-urlencoded"},
    )


def main():
    cfg = json.load(sys.stdin)
    base = cfg["base"]
    jwks_sets = {
        "organization": fetch_jwks(f"{base}/v1/organizations/{cfg['org_id']}/jwks.json"),
        "global": fetch_jwks(f"{base}/.well-known/jwks.json"),
    }
    out = {"jwks_kids": sorted(jwks_sets["organization"])}

    out["user"] = verify(
        cfg["user"]["token"], jwks_sets, cfg, {"sub": f"user:{cfg['user']['id']}", "role": cfg["user"]["role"]}
    )
    client = cfg["client"]
    client_expected = {"sub": f"client:{client['id']}", "role": client["role"]}
    out["client"] = verify(client["token"], jwks_sets, cfg, client_expected)

    # Our own RFC 7523 assertion, signed with the certificate's seed.
    private_key = Ed25519PrivateKey.from_private_bytes(base64.b64decode(client["seed"]))
    signed = jwt.encode(assertion_claims(cfg), private_key, algorithm="EdDSA", headers={"kid": client["kid"]})
    status, body = exchange(cfg, signed)
    check(status == 200, f"POST /v1/token: {status} {body}")
    check(body.get("token_type") == "Bearer", "token_type")
    # No requested_role in the form: the default, read.
    out["exchange"] = verify(body["access_token"], jwks_sets, cfg, {**client_expected, "role": "read"})
    out["exchange"]["expires_in"] = body.get("expires_in")

    # Assertions that must be refused: no signature, and HMAC keyed with the public key.
    public_raw = private_key.public_key().public_bytes(Encoding.Raw, PublicFormat.Raw)
    refused = {
        "none": jwt.encode(assertion_claims(cfg), None, algorithm="none", headers={"kid": client["kid"]}),
        "HS256": jwt.encode(assertion_claims(cfg), public_raw, algorithm="HS256", headers={"kid": client["kid"]}),
    }
    out["refused"] = {}
    for name, bad in refused.items():
        check(jwt.get_unverified_header(bad)["alg"] == name, f"{name}: header")
        status, body = exchange(cfg, bad)
        out["refused"][name] = {"status": status, "error": body.get("error"), "code": body.get("code")}
        check(status == 401, f"alg {name}: status {status}")
        check(body.get("error") == "invalid_client", f"alg {name}: error {body.get('error')}")

    out["pyjwt"] = jwt.__version__
    json.dump(out, sys.stdout)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
