"""A gRPC client we did not write: Debian's python3-grpcio (the C-core implementation, not grpc-js).

No generated stubs: the message types come from the server's reflection service
(grpc.reflection.v1.ServerReflection). Its request and response messages are encoded and decoded
by hand below (Debian has no grpcio-reflection package), the FileDescriptorProtos it returns are
loaded into a google.protobuf DescriptorPool, and message classes are built from that pool.

Journey: list services, Register, VerifyEmail (the token comes from the Bun test, which reads the
mail), LoginPassword (sign in), OrganizationService/Create, TeamService/CreateTeam,
VaultService/CreateVault, ClientService/CreateClient and CreateCertificate (the token signing key),
TokenService/CreateVaultToken, and grpc.health.v1.Health/Check.

Input (stdin): a JSON line {"target": "127.0.0.1:port", "email": ..., "password": ...}, and later
a JSON line {"verify_token": ...} once this script has printed {"event": "registered"}.
Output (stdout): JSON lines; the last is {"done": true, "results": {...}}.
"""

import json
import sys

import grpc
from google.protobuf import descriptor_pb2, descriptor_pool, json_format, message_factory

REFLECTION = "/grpc.reflection.v1.ServerReflection/ServerReflectionInfo"
OURS = "inferadb.management.v1"


def emit(obj):
    sys.stdout.write(json.dumps(obj) + "\n")
    sys.stdout.flush()


# --- Minimal protobuf wire codec for the reflection messages ---------------------------------


def varint(n):
    out = bytearray()
    while True:
        b = n & 0x7F
        n >>= 7
        if n:
            out.append(b | 0x80)
        else:
            out.append(b)
            return bytes(out)


def field_bytes(number, payload):
    return varint((number << 3) | 2) + varint(len(payload)) + payload


def fields(buf):
    """(number, wire type, value) of each field: ints for varints, bytes for the rest."""
    i = 0
    while i < len(buf):
        key, i = read_varint(buf, i)
        number, wt = key >> 3, key & 7
        if wt == 0:
            v, i = read_varint(buf, i)
        elif wt == 2:
            n, i = read_varint(buf, i)
            v, i = buf[i : i + n], i + n
        elif wt == 1:
            v, i = buf[i : i + 8], i + 8
        elif wt == 5:
            v, i = buf[i : i + 4], i + 4
        else:
            raise ValueError("unexpected wire type %d" % wt)
        yield number, wt, v


def read_varint(buf, i):
    shift = result = 0
    while True:
        b = buf[i]
        i += 1
        result |= (b & 0x7F) << shift
        shift += 7
        if not b & 0x80:
            return result, i


class Reflection:
    """ServerReflectionInfo over one bidi stream per request (simple and enough here)."""

    def __init__(self, channel):
        self.call = channel.stream_stream(
            REFLECTION, request_serializer=lambda b: b, response_deserializer=lambda b: b
        )

    def ask(self, request):
        responses = list(self.call(iter([request]), timeout=10))
        if len(responses) != 1:
            raise RuntimeError("reflection answered %d messages" % len(responses))
        out = {}
        for number, _, v in fields(responses[0]):
            out.setdefault(number, []).append(v)
        if 7 in out:  # error_response
            err = dict((n, v) for n, _, v in fields(out[7][0]))
            raise RuntimeError("reflection error %s: %s" % (err.get(1), err.get(2, b"").decode()))
        return out

    def services(self):
        r = self.ask(field_bytes(7, b"*"))  # list_services
        names = []
        for svc in (v for n, _, v in fields(r[6][0]) if n == 1):
            names += [v.decode() for n, _, v in fields(svc) if n == 1]
        return names

    def files_containing(self, symbol):
        r = self.ask(field_bytes(4, symbol.encode()))  # file_containing_symbol
        return [v for n, _, v in fields(r[4][0]) if n == 1]


class Stubless:
    """Message classes and unary calls from reflected descriptors."""

    def __init__(self, channel, reflection):
        self.channel = channel
        self.reflection = reflection
        self.pool = descriptor_pool.DescriptorPool()
        self.loaded = set()
        self.factory = message_factory.MessageFactory(self.pool)

    def load(self, symbol):
        files = [descriptor_pb2.FileDescriptorProto.FromString(b) for b in self.reflection.files_containing(symbol)]
        pending = [f for f in files if f.name not in self.loaded]
        # Add in dependency order (the response lists a file and its transitive dependencies).
        while pending:
            progress = False
            for f in list(pending):
                if all(d in self.loaded for d in f.dependency):
                    self.pool.Add(f)
                    self.loaded.add(f.name)
                    pending.remove(f)
                    progress = True
            if not progress:
                raise RuntimeError("unresolvable dependencies: %s" % [f.name for f in pending])

    def message_class(self, desc):
        get = getattr(message_factory, "GetMessageClass", None)
        return get(desc) if get else self.factory.GetPrototype(desc)

    def call(self, service, method, request, token=None):
        if service not in self.loaded:
            self.load(service)
            self.loaded.add(service)
        m = self.pool.FindServiceByName(service).FindMethodByName(method)
        req_cls = self.message_class(m.input_type)
        res_cls = self.message_class(m.output_type)
        req = json_format.ParseDict(request, req_cls(), ignore_unknown_fields=False)
        fn = self.channel.unary_unary(
            "/%s/%s" % (service, method),
            request_serializer=lambda r: r.SerializeToString(),
            response_deserializer=res_cls.FromString,
        )
        md = [("authorization", "Bearer " + token)] if token else None
        res = fn(req, metadata=md, timeout=10)
        return json_format.MessageToDict(res, preserving_proto_field_name=True)


def main():
    inp = json.loads(sys.stdin.readline())
    channel = grpc.insecure_channel(inp["target"])
    grpc.channel_ready_future(channel).result(timeout=10)
    reflection = Reflection(channel)
    api = Stubless(channel, reflection)
    results = {"grpcio": grpc.__version__}

    results["services"] = sorted(reflection.services())
    svc = lambda name: "%s.%s" % (OURS, name)  # noqa: E731

    reg = api.call(svc("AuthService"), "Register", {"name": "Py Thon", "email": inp["email"], "password": inp["password"]})
    emit({"event": "registered", "user_id": reg["user_id"]})
    verify = json.loads(sys.stdin.readline())
    api.call(svc("AuthService"), "VerifyEmail", {"token": verify["verify_token"]})

    login = api.call(svc("AuthService"), "LoginPassword", {"email": inp["email"], "password": inp["password"]})
    token = login["session_token"]
    me = api.call(svc("UserService"), "GetMe", {}, token)
    org = api.call(svc("OrganizationService"), "Create", {"name": "Python org"}, token)["organization"]
    team = api.call(svc("TeamService"), "CreateTeam", {"organization_id": org["id"], "name": "Py team"}, token)["team"]
    vault = api.call(svc("VaultService"), "CreateVault", {"organization_id": org["id"], "name": "py-vault"}, token)["vault"]
    # Tokens are signed with the organization's client certificate key: a client and its certificate.
    client = api.call(svc("ClientService"), "CreateClient", {"organization_id": org["id"], "name": "py-client"}, token)["client"]
    api.call(
        svc("ClientService"),
        "CreateCertificate",
        {"organization_id": org["id"], "client_id": client["id"], "name": "py-cert"},
        token,
    )
    vt = api.call(
        svc("TokenService"),
        "CreateVaultToken",
        {"organization_id": org["id"], "vault_id": vault["id"], "requested_role": "read"},
        token,
    )

    # A refused call: a typed status with our stable code in the trailing metadata.
    try:
        api.call(svc("OrganizationService"), "Get", {"organization_id": "abc"}, token)
        refused = None
    except grpc.RpcError as e:
        trailers = dict(e.trailing_metadata() or ())
        refused = {"code": e.code().name, "x_error_code": trailers.get("x-error-code")}

    health = api.call("grpc.health.v1.Health", "Check", {"service": ""})
    health_ours = api.call("grpc.health.v1.Health", "Check", {"service": svc("VaultService")})
    try:
        api.call("grpc.health.v1.Health", "Check", {"service": "no.such.Service"})
        health_unknown = None
    except grpc.RpcError as e:
        health_unknown = e.code().name

    results.update(
        {
            "user_id": reg["user_id"],
            "me": me.get("user", me),
            "organization": org,
            "team": team,
            "vault": vault,
            "client": client,
            "vault_token": {"token_type": vt.get("token_type"), "expires_in": vt.get("expires_in"), "jwt_parts": len(vt["access_token"].split("."))},
            "refused": refused,
            "health": health,
            "health_ours": health_ours,
            "health_unknown": health_unknown,
        }
    )
    channel.close()
    emit({"done": True, "results": results})


if __name__ == "__main__":
    main()
