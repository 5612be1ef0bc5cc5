"""A fake Discord on 127.0.0.1: the slice of REST API v10 and of the gateway that a discord.py
2.x bot uses, with helpers for tests to act as users and with fault injection.

Everything runs on one asyncio loop (the caller's). `FakeDiscord.start()` binds an ephemeral
port on 127.0.0.1; point the bot's REST base at `fake.api_base` (discord.http.Route.BASE) and
its gateway at the URL `GET /gateway/bot` answers.
"""

from __future__ import annotations

import asyncio
import contextlib
import json
import logging
import re
import secrets
import time
import zlib
from collections.abc import Callable
from dataclasses import dataclass, field
from typing import Any

from aiohttp import WSMsgType, web

from . import payloads as P

log = logging.getLogger("fakediscord")


def json_response(data: Any, status: int = 200, headers: dict[str, str] | None = None
                  ) -> web.Response:
    """Discord answers `Content-Type: application/json` exactly (no charset), and discord.py
    only decodes JSON when the header is exactly that."""
    body = json.dumps(data, separators=(",", ":")).encode()
    resp = web.Response(body=body, status=status, headers=headers)
    resp.headers["Content-Type"] = "application/json"
    return resp

API_PREFIX = "/api/v10"

# Gateway opcodes
OP_DISPATCH, OP_HEARTBEAT, OP_IDENTIFY, OP_PRESENCE, OP_VOICE_STATE = 0, 1, 2, 3, 4
OP_RESUME, OP_RECONNECT, OP_REQUEST_MEMBERS, OP_INVALID_SESSION = 6, 7, 8, 9
OP_HELLO, OP_HEARTBEAT_ACK = 10, 11

# Interaction types and callback types
IT_COMMAND, IT_COMPONENT, IT_AUTOCOMPLETE = 2, 3, 4
CB_MESSAGE, CB_DEFERRED_MESSAGE, CB_DEFERRED_UPDATE, CB_UPDATE, CB_AUTOCOMPLETE = 4, 5, 6, 7, 8


class FakeTimeout(AssertionError):
    """A helper waited longer than its timeout for the bot to do something."""


@dataclass
class Fault:
    """Answer the next `times` requests matching `method` and `path` (a regex searched in the
    path after /api/v10) with `status` instead of handling them."""

    method: str
    path: str
    status: int
    times: int = 1
    retry_after: float = 0.1
    body: Any = None
    hits: int = 0

    def matches(self, method: str, path: str) -> bool:
        return (
            self.hits < self.times
            and (self.method == "*" or self.method == method)
            and re.search(self.path, path) is not None
        )


@dataclass
class Recorded:
    method: str
    path: str
    query: dict[str, str]
    body: Any
    status: int
    at: float


@dataclass
class InteractionHandle:
    """One interaction the fake dispatched, and everything the bot answered to it."""

    id: int
    token: str
    type: int
    payload: dict[str, Any]
    sent_at: float = 0.0
    callback: dict[str, Any] | None = None
    callback_at: float | None = None
    original: dict[str, Any] | None = None  # the response message (after callback / edits)
    followups: list[dict[str, Any]] = field(default_factory=list)
    changed: asyncio.Event = field(default_factory=asyncio.Event)
    acked: asyncio.Future | None = None

    @property
    def latency_ms(self) -> float | None:
        if self.callback_at is None:
            return None
        return (self.callback_at - self.sent_at) * 1000.0

    @property
    def callback_type(self) -> int | None:
        return None if self.callback is None else self.callback.get("type")

    @property
    def choices(self) -> list[dict[str, Any]]:
        """Autocomplete choices the bot answered with."""
        if self.callback is None or self.callback.get("type") != CB_AUTOCOMPLETE:
            return []
        return (self.callback.get("data") or {}).get("choices", [])

    def messages(self) -> list[dict[str, Any]]:
        """The response message (if any, current version) and the follow-ups, in order."""
        out = [self.original] if self.original is not None else []
        return out + list(self.followups)

    def _touch(self) -> None:
        self.changed.set()
        self.changed = asyncio.Event()


@dataclass
class Session:
    id: str
    intents: int
    shard: list[int] | None
    seq: int = 0
    buffer: list[dict[str, Any]] = field(default_factory=list)
    conn: GatewayConn | None = None

    @property
    def shard_id(self) -> int:
        return int(self.shard[0]) if self.shard else 0

    @property
    def shard_count(self) -> int:
        return int(self.shard[1]) if self.shard else 1


class GatewayConn:
    def __init__(self, ws: web.WebSocketResponse, compress: str | None) -> None:
        self.ws = ws
        self.compress = compress
        self._z = zlib.compressobj() if compress == "zlib-stream" else None
        self.session: Session | None = None
        self.lock = asyncio.Lock()

    @property
    def alive(self) -> bool:
        return not self.ws.closed

    async def send_raw(self, text: str) -> None:
        async with self.lock:
            if self.ws.closed:
                return
            if self._z is not None:
                data = self._z.compress(text.encode()) + self._z.flush(zlib.Z_SYNC_FLUSH)
                await self.ws.send_bytes(data)
            else:
                await self.ws.send_str(text)

    async def send(self, payload: dict[str, Any]) -> None:
        await self.send_raw(json.dumps(payload, separators=(",", ":")))


class FakeDiscord:
    """The fake server. Create, `await start()`, drive, `await stop()`."""

    def __init__(
        self,
        *,
        token: str = "fake-bot-token",
        heartbeat_interval_ms: int = 41250,
        channels: int = 20,
        users: int = 5,
        keep_events: int = 5000,
        guilds: int = 1,
    ) -> None:
        self.token = token
        self.heartbeat_interval_ms = heartbeat_interval_ms
        self.keep_events = keep_events
        self.ids = P.Snowflakes()
        self.bot_id = self.ids.next()
        self.application_id = self.bot_id
        self.owner_id = self.ids.next()
        self.guild_id = self.ids.next()
        self.bot_user = P.user(self.bot_id, "studybot", bot=True)
        self.owner = P.user(self.owner_id, "owner")
        self.users: list[dict[str, Any]] = [self.owner] + [
            P.user(self.ids.next(), f"user{i}") for i in range(1, users)
        ]
        self.channels: list[dict[str, Any]] = [
            P.text_channel(self.ids.next(), self.guild_id, f"chan-{i}", i) for i in range(channels)
        ]
        # More guilds (for sharding: Discord routes a guild to shard (guild_id >> 22) % count).
        # Guild k's id is k ms later than the first, so with N shards guilds 0..N-1 cover them.
        self.guild_channels: dict[int, list[dict[str, Any]]] = {self.guild_id: self.channels}
        for k in range(1, guilds):
            gid = (((self.guild_id >> 22) + k) << 22) | (self.ids.next() & 0x3FFFFF)
            self.guild_channels[gid] = [
                P.text_channel(self.ids.next(), gid, f"g{k}-chan-{i}", i) for i in range(2)]
        self.channel_by_id: dict[int, dict[str, Any]] = {
            int(c["id"]): c for chans in self.guild_channels.values() for c in chans}
        self.dm_channels: dict[int, dict[str, Any]] = {}  # channel id -> channel
        self.dm_by_user: dict[int, int] = {}
        self.messages: dict[int, dict[str, Any]] = {}
        self.commands: dict[int | None, list[dict[str, Any]]] = {}
        self.interactions: dict[int, InteractionHandle] = {}
        self.interactions_by_token: dict[str, InteractionHandle] = {}
        self.requests: list[Recorded] = []
        self.rest_peers: set[Any] = set()  # client (host, port) of every REST connection seen
        self.faults: list[Fault] = []
        self.unhandled: list[Recorded] = []
        self.gateway_log: list[dict[str, Any]] = []  # what the client sent on the gateway
        self.identifies = 0
        self.resumes = 0
        self.heartbeats = 0
        self.ack_heartbeats = True
        self.shard_sessions: dict[int, Session] = {}  # shard id -> its current session
        self.sessions: dict[str, Session] = {}
        self.conns: list[GatewayConn] = []
        self._events: list[tuple[str, dict[str, Any]]] = []  # ("message"|"edit"|..., payload)
        self._changed = asyncio.Event()
        self._ready = asyncio.Event()
        self._runner: web.AppRunner | None = None
        self.port = 0
        self._next_user = 0

    # ------------------------------------------------------------------ lifecycle

    async def start(self, port: int = 0) -> FakeDiscord:
        app = web.Application(client_max_size=8 * 1024 * 1024)
        app.router.add_get("/gateway", self._gateway_ws)
        app.router.add_route("*", API_PREFIX + "/{tail:.*}", self._rest)
        self._runner = web.AppRunner(app, access_log=None, handle_signals=False)
        await self._runner.setup()
        site = web.TCPSite(self._runner, "127.0.0.1", port, backlog=2048)
        await site.start()
        self.port = site._server.sockets[0].getsockname()[1]  # type: ignore[union-attr]
        return self

    async def stop(self) -> None:
        for conn in list(self.conns):
            with contextlib.suppress(Exception):
                await asyncio.wait_for(conn.ws.close(code=1001), 2)
        if self._runner is not None:
            await asyncio.wait_for(self._runner.cleanup(), 5)
            self._runner = None

    @property
    def base_url(self) -> str:
        return f"http://127.0.0.1:{self.port}"

    @property
    def api_base(self) -> str:
        return self.base_url + API_PREFIX

    @property
    def gateway_url(self) -> str:
        return f"ws://127.0.0.1:{self.port}/gateway"

    @property
    def guild_payload(self) -> dict[str, Any]:
        return self.guild_payload_for(self.guild_id)

    def guild_payload_for(self, guild_id: int) -> dict[str, Any]:
        members = [P.member(self.bot_user)] + [P.member(u) for u in self.users]
        name = "Study Group" if guild_id == self.guild_id else f"Study Group {guild_id % 1000}"
        return P.guild(guild_id, name, owner_id=self.owner_id,
                       channels=self.guild_channels[guild_id], members=members)

    @property
    def guild_ids(self) -> list[int]:
        return list(self.guild_channels)

    @property
    def session(self) -> Session | None:
        """Shard 0's session (the only one unless the bot is sharded)."""
        return self.shard_sessions.get(0) or next(iter(self.shard_sessions.values()), None)

    @staticmethod
    def shard_of(guild_id: int | None, shard_count: int) -> int:
        """Discord's routing: guild events go to shard (guild_id >> 22) % shard_count; DMs
        to shard 0."""
        return 0 if guild_id is None else (guild_id >> 22) % max(shard_count, 1)

    def _session_for(self, data: Any) -> Session | None:
        if not self.shard_sessions:
            return None
        count = next(iter(self.shard_sessions.values())).shard_count
        gid = data.get("guild_id") if isinstance(data, dict) else None
        return self.shard_sessions.get(self.shard_of(int(gid) if gid else None, count))

    def channel(self, index: int = 0) -> int:
        return int(self.channels[index]["id"])

    def user(self, index: int = 1) -> dict[str, Any]:
        return self.users[index]

    def new_user(self, name: str | None = None) -> dict[str, Any]:
        """A fresh user (not a guild member in GUILD_CREATE; fine for interactions)."""
        self._next_user += 1
        return P.user(self.ids.next(), name or f"guest{self._next_user}")

    # ------------------------------------------------------------------ fault injection

    def fail(self, method: str, path: str, status: int, *, times: int = 1,
             retry_after: float = 0.1, body: Any = None) -> Fault:
        f = Fault(method.upper(), path, status, times, retry_after, body)
        self.faults.append(f)
        return f

    async def drop_gateway(self, *, code: int = 4000, abrupt: bool = False) -> None:
        """Close the bot's gateway connection; the session stays resumable."""
        for conn in list(self.conns):
            if abrupt:
                transport = conn.ws._req.transport if conn.ws._req else None  # type: ignore[attr-defined]
                if transport is not None:
                    transport.abort()
            else:
                with contextlib.suppress(Exception):
                    await asyncio.wait_for(conn.ws.close(code=code), 2)

    async def request_reconnect(self) -> None:
        """Send op 7 RECONNECT: the client should close and RESUME."""
        for conn in list(self.conns):
            await conn.send({"op": OP_RECONNECT, "d": None})

    async def invalidate_session(self, resumable: bool = False) -> None:
        """Send op 9 INVALID_SESSION; with resumable=False the client must IDENTIFY again."""
        for conn in list(self.conns):
            if not resumable and conn.session is not None:
                self.sessions.pop(conn.session.id, None)
            await conn.send({"op": OP_INVALID_SESSION, "d": resumable})

    async def send_raw(self, text: str | bytes) -> None:
        """Put arbitrary bytes/text on the live gateway connection (malformed payload tests).
        Bytes go as a binary frame, untouched by the zlib stream."""
        for conn in list(self.conns):
            if isinstance(text, bytes):
                await conn.ws.send_bytes(text)
            else:
                await conn.send_raw(text)

    # ------------------------------------------------------------------ waiting

    async def wait_ready(self, timeout: float = 15.0) -> None:
        """Until a client has identified and got READY and GUILD_CREATE."""
        try:
            await asyncio.wait_for(self._ready.wait(), timeout)
        except TimeoutError:
            raise FakeTimeout(f"no IDENTIFY within {timeout}s") from None

    async def wait_for(self, predicate: Callable[[], Any], timeout: float, what: str) -> Any:
        """Until predicate() is truthy (re-checked whenever the fake records something)."""
        loop = asyncio.get_running_loop()
        deadline = loop.time() + timeout
        while True:
            ev = self._changed
            result = predicate()
            if result:
                return result
            left = deadline - loop.time()
            if left <= 0:
                raise FakeTimeout(f"timed out after {timeout}s waiting for {what}")
            with contextlib.suppress(TimeoutError):
                await asyncio.wait_for(ev.wait(), left)

    def _notify(self) -> None:
        self._changed.set()
        self._changed = asyncio.Event()

    def events_count(self) -> int:
        return len(self._events)

    async def wait_bot_message(
        self,
        channel_id: int | None = None,
        *,
        since: int = 0,
        predicate: Callable[[dict[str, Any]], bool] | None = None,
        timeout: float = 5.0,
    ) -> dict[str, Any]:
        """The first message the bot posted to a channel (POST /channels/{id}/messages) after
        event index `since` (take it from `events_count()` before acting)."""

        def find():
            for kind, msg in self._events[since:]:
                if kind != "message":
                    continue
                if channel_id is not None and int(msg["channel_id"]) != channel_id:
                    continue
                if predicate is None or predicate(msg):
                    return msg
            return None

        return await self.wait_for(find, timeout, f"a bot message in channel {channel_id}")

    def bot_messages(self, channel_id: int | None = None, since: int = 0) -> list[dict[str, Any]]:
        return [m for kind, m in self._events[since:] if kind == "message"
                and (channel_id is None or int(m["channel_id"]) == channel_id)]

    async def wait_request(self, method: str, path_regex: str, *, since: int = 0,
                           timeout: float = 5.0) -> Recorded:
        def find():
            for r in self.requests[since:]:
                if r.method == method and re.search(path_regex, r.path):
                    return r
            return None

        return await self.wait_for(find, timeout, f"{method} {path_regex}")

    # ------------------------------------------------------------------ acting as users

    async def dispatch(self, event: str, data: Any) -> int:
        """Send a DISPATCH to the session of the shard it belongs to (buffered and replayed on
        RESUME if the connection is down). Returns its sequence number."""
        session = self._session_for(data)
        if session is None:
            raise FakeTimeout("no gateway session: the bot has not identified")
        return await self._dispatch_to(session, event, data)

    async def _dispatch_to(self, session: Session, event: str, data: Any) -> int:
        session.seq += 1
        payload = {"op": OP_DISPATCH, "t": event, "s": session.seq, "d": data}
        session.buffer.append(payload)
        if len(session.buffer) > self.keep_events:
            del session.buffer[: len(session.buffer) - self.keep_events]
        conn = session.conn
        if conn is not None and conn.alive:
            try:
                await conn.send(payload)
            except (ConnectionError, RuntimeError) as exc:  # closed under us: replay on resume
                log.debug("dispatch %s while the connection closed: %s", event, exc)
        return session.seq

    def _interaction_base(self, itype: int, *, user: dict[str, Any] | None,
                          channel_id: int | None, dm: bool) -> dict[str, Any]:
        iid = self.ids.next()
        token = "itok_" + secrets.token_urlsafe(24)
        user = user or self.user(1)
        base: dict[str, Any] = {
            "id": str(iid),
            "application_id": str(self.application_id),
            "type": itype,
            "token": token,
            "version": 1,
            "locale": "en-US",
            "entitlements": [],
            "attachment_size_limit": 8 * 1024 * 1024,
            "app_permissions": str(P.ALL_TEXT_PERMISSIONS),
        }
        if dm:
            ch = self._dm_channel_for(user)
            base.update({"channel_id": ch["id"], "channel": ch, "user": user, "context": 1,
                         "authorizing_integration_owners": {"1": user["id"]}})
        else:
            cid = channel_id if channel_id is not None else self.channel(0)
            ch = self.channel_by_id[cid]
            base.update({
                "guild_id": ch["guild_id"],
                "guild": {"id": ch["guild_id"], "locale": "en-US", "features": []},
                "guild_locale": "en-US",
                "channel_id": ch["id"],
                "channel": ch,
                "member": P.member(user, permissions=P.MEMBER_PERMISSIONS),
                "context": 0,
                "authorizing_integration_owners": {"0": ch["guild_id"]},
            })
        return base

    async def _send_interaction(self, payload: dict[str, Any]) -> InteractionHandle:
        h = InteractionHandle(id=int(payload["id"]), token=payload["token"],
                              type=payload["type"], payload=payload)
        h.acked = asyncio.get_running_loop().create_future()
        self.interactions[h.id] = h
        self.interactions_by_token[h.token] = h
        h.sent_at = time.perf_counter()
        await self.dispatch("INTERACTION_CREATE", payload)
        return h

    @staticmethod
    def _options(options: dict[str, Any] | list[dict[str, Any]] | None,
                 focused: str | None = None) -> list[dict[str, Any]]:
        if options is None:
            return []
        if isinstance(options, list):
            return options
        out = []
        for name, value in options.items():
            opt: dict[str, Any] = {"name": name, "type": P.option_type(value), "value": value}
            if name == focused:
                opt["focused"] = True
                opt["type"] = 3 if isinstance(value, str) else opt["type"]
            out.append(opt)
        return out

    def _command_data(self, command: str, options, focused: str | None = None) -> dict[str, Any]:
        """`command` may be "quiz start" (a subcommand) or "a b c" (group + subcommand)."""
        parts = command.split()
        opts = self._options(options, focused)
        for sub in reversed(parts[1:]):
            opts = [{"name": sub, "type": 1 if sub == parts[-1] else 2, "options": opts}]
        cmd_id = self._command_id(parts[0])
        return {"id": str(cmd_id), "name": parts[0], "type": 1, "options": opts}

    def _command_id(self, name: str) -> int:
        for cmds in self.commands.values():
            for c in cmds:
                if c.get("name") == name:
                    return int(c["id"])
        return self.ids.next()

    async def slash(self, command: str, options: dict[str, Any] | list | None = None, *,
                    user: dict[str, Any] | None = None, channel_id: int | None = None,
                    dm: bool = False) -> InteractionHandle:
        """A user runs a slash command (INTERACTION_CREATE type 2)."""
        payload = self._interaction_base(IT_COMMAND, user=user, channel_id=channel_id, dm=dm)
        payload["data"] = self._command_data(command, options)
        return await self._send_interaction(payload)

    async def autocomplete(self, command: str, options: dict[str, Any], focused: str, *,
                           user: dict[str, Any] | None = None, channel_id: int | None = None,
                           dm: bool = False) -> InteractionHandle:
        """A user types in an autocomplete option (INTERACTION_CREATE type 4)."""
        payload = self._interaction_base(IT_AUTOCOMPLETE, user=user, channel_id=channel_id,
                                         dm=dm)
        payload["data"] = self._command_data(command, options, focused)
        return await self._send_interaction(payload)

    async def click(self, msg: dict[str, Any], custom_id: str, *,
                    user: dict[str, Any] | None = None) -> InteractionHandle:
        """A user presses a button on a message the bot sent (INTERACTION_CREATE type 3)."""
        ids = [c.get("custom_id") for c in P.iter_components(msg.get("components", []))]
        if custom_id not in ids:
            raise AssertionError(f"no button {custom_id!r} on message; has {ids}")
        cid = int(msg["channel_id"])
        dm = cid in self.dm_channels
        payload = self._interaction_base(IT_COMPONENT, user=user, channel_id=cid, dm=dm)
        payload["message"] = msg
        payload["data"] = {"custom_id": custom_id, "component_type": 2}
        return await self._send_interaction(payload)

    async def user_message(self, content: str, *, user: dict[str, Any] | None = None,
                           channel_id: int | None = None, dm: bool = False,
                           mention_bot: bool = False) -> dict[str, Any]:
        """A user posts a message (MESSAGE_CREATE). With mention_bot the content is prefixed
        with the bot's mention, as Discord clients do."""
        user = user or self.user(1)
        mentions = []
        if mention_bot:
            content = f"<@{self.bot_id}> {content}"
            mentions = [self.bot_user]
        if dm:
            ch = self._dm_channel_for(user)
            msg = P.message(self.ids.next(), int(ch["id"]), user, content=content,
                            mentions=mentions)
        else:
            cid = channel_id if channel_id is not None else self.channel(0)
            msg = P.message(self.ids.next(), cid, user, content=content, mentions=mentions,
                            guild_id=int(self.channel_by_id[cid]["guild_id"]))
            msg["member"] = {k: v for k, v in P.member(user).items() if k != "user"}
        self.messages[int(msg["id"])] = msg
        session = self._session_for(msg)
        intents = session.intents if session else 0
        needed = P.INTENT_DIRECT_MESSAGES if dm else P.INTENT_GUILD_MESSAGES
        if intents & needed:
            sent = dict(msg)
            if not dm and not mention_bot and not intents & P.INTENT_MESSAGE_CONTENT:
                sent["content"] = ""  # what Discord does without the Message Content intent
            await self.dispatch("MESSAGE_CREATE", sent)
        return msg

    def _dm_channel_for(self, user: dict[str, Any]) -> dict[str, Any]:
        uid = int(user["id"])
        cid = self.dm_by_user.get(uid)
        if cid is None:
            cid = self.ids.next()
            self.dm_by_user[uid] = cid
            self.dm_channels[cid] = P.dm_channel(cid, user)
        return self.dm_channels[cid]

    # ------------------------------------------------------------------ gateway

    async def _gateway_ws(self, request: web.Request) -> web.StreamResponse:
        ws = web.WebSocketResponse(autoping=True, max_msg_size=0, compress=False)
        await ws.prepare(request)
        compress = request.query.get("compress")
        if compress not in (None, "zlib-stream"):
            await ws.close(code=4000, message=b"unsupported compression")
            return ws
        if request.query.get("encoding", "json") != "json":
            await ws.close(code=4002, message=b"only json encoding")
            return ws
        conn = GatewayConn(ws, compress)
        self.conns.append(conn)
        try:
            hello = {"heartbeat_interval": self.heartbeat_interval_ms}
            await conn.send({"op": OP_HELLO, "d": hello})
            async for msg in ws:
                if msg.type != WSMsgType.TEXT:
                    continue
                try:
                    data = json.loads(msg.data)
                except ValueError:
                    await ws.close(code=4002, message=b"decode error")
                    break
                self.gateway_log.append(data)
                await self._on_gateway(conn, data)
        finally:
            self.conns.remove(conn)
            if conn.session is not None and conn.session.conn is conn:
                conn.session.conn = None
            self._notify()
        return ws

    async def _on_gateway(self, conn: GatewayConn, data: dict[str, Any]) -> None:
        op = data.get("op")
        d = data.get("d")
        if op == OP_HEARTBEAT:
            self.heartbeats += 1
            if self.ack_heartbeats:
                await conn.send({"op": OP_HEARTBEAT_ACK, "d": None})
        elif op == OP_IDENTIFY:
            if d.get("token") != self.token:
                await conn.ws.close(code=4004, message=b"Authentication failed.")
                return
            self.identifies += 1
            sess = Session(id=secrets.token_hex(16), intents=int(d.get("intents", 0)),
                           shard=d.get("shard"))
            self.sessions[sess.id] = sess
            previous = self.shard_sessions.get(sess.shard_id)
            if previous is not None and previous.conn is not None:
                old = previous.conn
                previous.conn = None
                if old is not conn:
                    with contextlib.suppress(Exception):
                        await old.ws.close(code=4000)
            self.shard_sessions[sess.shard_id] = sess
            sess.conn = conn
            conn.session = sess
            mine = [g for g in self.guild_channels
                    if self.shard_of(g, sess.shard_count) == sess.shard_id]
            ready = {
                "v": 10,
                "user": self.bot_user,
                "guilds": [{"id": str(g), "unavailable": True} for g in mine],
                "session_id": sess.id,
                "session_type": "normal",
                "resume_gateway_url": self.gateway_url,
                "private_channels": [],
                "relationships": [],
                "presences": [],
                "geo_ordered_rtc_regions": [],
                "guild_join_requests": [],
                "application": {"id": str(self.application_id), "flags": (1 << 19)},
            }
            if sess.shard is not None:
                ready["shard"] = sess.shard
            await self._dispatch_to(sess, "READY", ready)
            for g in mine:
                await self._dispatch_to(sess, "GUILD_CREATE", self.guild_payload_for(g))
            self._ready.set()
            self._notify()
        elif op == OP_RESUME:
            sess = self.sessions.get(d.get("session_id"))
            if sess is None or d.get("token") != self.token:
                await conn.send({"op": OP_INVALID_SESSION, "d": False})
                return
            self.resumes += 1
            if sess.conn is not None and sess.conn is not conn:
                with contextlib.suppress(Exception):
                    await sess.conn.ws.close(code=4000)
            sess.conn = conn
            conn.session = sess
            last = d.get("seq") or 0
            for payload in list(sess.buffer):
                if payload["s"] > last:
                    await conn.send(payload)
            await self._dispatch_to(sess, "RESUMED", {})
            self._notify()
        elif op in (OP_PRESENCE, OP_VOICE_STATE, OP_REQUEST_MEMBERS):
            if op == OP_REQUEST_MEMBERS and isinstance(d, dict):
                members = [P.member(self.bot_user)] + [P.member(u) for u in self.users]
                await self.dispatch("GUILD_MEMBERS_CHUNK", {
                    "guild_id": d.get("guild_id"), "members": members, "chunk_index": 0,
                    "chunk_count": 1, "nonce": d.get("nonce")})
        else:
            log.warning("fake gateway: unknown op %r", op)

    # ------------------------------------------------------------------ REST

    async def _rest(self, request: web.Request) -> web.StreamResponse:
        path = "/" + request.match_info["tail"]
        method = request.method
        if request.transport is not None:
            self.rest_peers.add(request.transport.get_extra_info("peername"))
        body = await self._read_body(request)
        rec = Recorded(method, path, dict(request.query), body, 0, time.perf_counter())
        self.requests.append(rec)
        resp = await self._route(request, method, path, body)
        rec.status = resp.status
        self._notify()
        return resp

    async def _read_body(self, request: web.Request) -> Any:
        if not request.can_read_body:
            return None
        ctype = request.content_type
        if ctype == "application/json":
            return await request.json()
        if ctype.startswith("multipart/"):
            out: dict[str, Any] = {}
            reader = await request.multipart()
            async for part in reader:
                name = part.name or ""
                raw = await part.read(decode=False)
                if name == "payload_json":
                    out.update(json.loads(raw))
                else:
                    out.setdefault("_files", []).append({"name": name, "size": len(raw),
                                                         "filename": part.filename})
            return out
        return (await request.read()).decode(errors="replace")

    @staticmethod
    def _json(data: Any, status: int = 200) -> web.Response:
        return json_response(data, status=status)

    @staticmethod
    def _error(status: int, message: str, code: int = 0) -> web.Response:
        return json_response({"message": message, "code": code}, status=status)

    def _check_fault(self, method: str, path: str) -> web.Response | None:
        for f in self.faults:
            if f.matches(method, path):
                f.hits += 1
                if f.status == 429:
                    body = f.body or {"message": "You are being rate limited.",
                                      "retry_after": f.retry_after, "global": False}
                    return json_response(body, status=429, headers={
                        "Retry-After": str(max(1, int(f.retry_after + 0.999))),
                        "X-RateLimit-Scope": "user",
                        "Via": "1.1 google",
                    })
                if f.body is not None and not isinstance(f.body, (dict, list)):
                    return web.Response(status=f.status, text=str(f.body))
                return json_response(
                    f.body or {"message": f"{f.status}: fault injected", "code": 0},
                    status=f.status)
        return None

    def _authorized(self, request: web.Request, path: str) -> bool:
        if path.startswith(("/webhooks/", "/interactions/")):
            return True  # token in the path
        return request.headers.get("Authorization") == f"Bot {self.token}"

    async def _route(self, request: web.Request, method: str, path: str,
                     body: Any) -> web.Response:
        fault = self._check_fault(method, path)
        if fault is not None:
            return fault
        if not self._authorized(request, path):
            return self._error(401, "401: Unauthorized")
        seg = path.strip("/").split("/")
        n = len(seg)
        try:
            # --- login and gateway discovery
            if method == "GET" and path == "/users/@me":
                return self._json(self.bot_user)
            if method == "GET" and path in ("/gateway/bot", "/gateway"):
                return self._json({
                    "url": self.gateway_url, "shards": 1,
                    "session_start_limit": {"total": 1000, "remaining": 999,
                                            "reset_after": 14400000, "max_concurrency": 1}})
            if method == "GET" and path == "/oauth2/applications/@me":
                return self._json(self._app_info())
            if method == "GET" and path == "/applications/@me":
                return self._json(self._app_info())
            # --- application commands
            if seg[0] == "applications" and n >= 3 and "commands" in seg:
                return self._commands(method, seg, body)
            # --- interactions
            if seg[0] == "interactions" and n == 4 and seg[3] == "callback" and method == "POST":
                return await self._interaction_callback(int(seg[1]), seg[2], body)
            if seg[0] == "webhooks" and n >= 3:
                return self._webhook(method, seg, body, request.query)
            # --- channels
            if seg[0] == "channels" and n >= 2:
                return self._channels(method, seg, body)
            if method == "POST" and path == "/users/@me/channels":
                uid = int(body["recipient_id"])
                u = next((x for x in self.users if int(x["id"]) == uid), None)
                u = u or P.user(uid, f"user-{uid}")
                return self._json(self._dm_channel_for(u))
            if method == "GET" and seg[0] == "users" and n == 2:
                uid = int(seg[1])
                u = next((x for x in self.users + [self.bot_user] if int(x["id"]) == uid), None)
                return self._json(u) if u else self._error(404, "Unknown User", 10013)
            if method == "GET" and seg[0] == "guilds" and n == 2:
                if int(seg[1]) not in self.guild_channels:
                    return self._error(404, "Unknown Guild", 10004)
                return self._json(self.guild_payload_for(int(seg[1])))
        except (KeyError, ValueError, TypeError) as exc:
            return self._error(400, f"Invalid Form Body: {exc}", 50035)
        rec = Recorded(method, path, dict(request.query), body, 404, time.perf_counter())
        self.unhandled.append(rec)
        log.warning("fake discord: unhandled %s %s", method, path)
        return self._error(404, "404: Not Found")

    def _app_info(self) -> dict[str, Any]:
        return {
            "id": str(self.application_id),
            "name": "studybot",
            "icon": None,
            "description": "",
            "rpc_origins": [],
            "bot_public": True,
            "bot_require_code_grant": False,
            "bot": self.bot_user,
            "owner": self.owner,
            "team": None,
            "verify_key": "0" * 64,
            "flags": (1 << 19),
            "summary": "",
            "interactions_endpoint_url": None,
            "tags": [],
            "redirect_uris": [],
        }

    def _commands(self, method: str, seg: list[str], body: Any) -> web.Response:
        # /applications/{app}/commands[/{id}] or /applications/{app}/guilds/{g}/commands[/{id}]
        guild_id = int(seg[3]) if seg[2] == "guilds" else None
        idx = seg.index("commands")
        cmd_id = int(seg[idx + 1]) if len(seg) > idx + 1 else None
        current = self.commands.setdefault(guild_id, [])

        def stored(c: dict[str, Any]) -> dict[str, Any]:
            out = dict(c)
            out.setdefault("id", str(self.ids.next()))
            out["application_id"] = str(self.application_id)
            out.setdefault("version", str(self.ids.next()))
            out.setdefault("type", 1)
            out.setdefault("description", "")
            out.setdefault("default_member_permissions", None)
            out.setdefault("nsfw", False)
            if guild_id is not None:
                out["guild_id"] = str(guild_id)
            return out

        if method == "PUT" and cmd_id is None:
            if not isinstance(body, list):
                return self._error(400, "Invalid Form Body", 50035)
            by_name = {(c["name"], c.get("type", 1)): c for c in current}
            new = []
            for c in body:
                old = by_name.get((c["name"], c.get("type", 1)))
                s = stored(c)
                if old is not None:
                    s["id"] = old["id"]
                new.append(s)
            self.commands[guild_id] = new
            return self._json(new)
        if method == "GET" and cmd_id is None:
            return self._json(current)
        if method == "POST" and cmd_id is None:
            s = stored(body)
            self.commands[guild_id] = [c for c in current if c["name"] != s["name"]] + [s]
            return self._json(s, status=201)
        match = next((c for c in current if int(c["id"]) == cmd_id), None)
        if match is None:
            return self._error(404, "Unknown application command", 10063)
        if method == "GET":
            return self._json(match)
        if method == "PATCH":
            match.update(body)
            return self._json(match)
        if method == "DELETE":
            current.remove(match)
            return web.Response(status=204)
        return self._error(405, "405: Method Not Allowed")

    def _record_event(self, kind: str, payload: dict[str, Any]) -> None:
        self._events.append((kind, payload))
        if len(self._events) > self.keep_events * 2:
            del self._events[: self.keep_events]

    def _bot_message(self, channel_id: int, body: dict[str, Any], *,
                     interaction: InteractionHandle | None = None) -> dict[str, Any]:
        is_dm = channel_id in self.dm_channels
        msg = P.message(
            self.ids.next(), channel_id, self.bot_user,
            content=body.get("content") or "",
            guild_id=None if is_dm else int(self.channel_by_id[channel_id]["guild_id"]),
            embeds=body.get("embeds"),
            components=body.get("components"),
            flags=int(body.get("flags") or 0),
            message_reference=body.get("message_reference"),
            webhook_id=self.application_id if interaction else None,
            application_id=self.application_id if interaction else None,
            msg_type=20 if interaction and interaction.type == IT_COMMAND else 0,
        )
        if body.get("message_reference"):
            msg["type"] = 19
            ref_id = int(body["message_reference"].get("message_id", 0))
            if ref_id in self.messages:
                msg["referenced_message"] = self.messages[ref_id]
        if interaction is not None:
            p = interaction.payload
            who = p.get("member", {}).get("user") or p.get("user")
            msg["interaction_metadata"] = {
                "id": str(interaction.id), "type": interaction.type, "user": who,
                "authorizing_integration_owners": p.get("authorizing_integration_owners", {}),
            }
        self.messages[int(msg["id"])] = msg
        return msg

    def _check_message_limits(self, body: dict[str, Any]) -> str | None:
        """Discord's limits (design.md section 6): what the real API would reject."""
        content = body.get("content") or ""
        if len(content) > 2000:
            return "content: Must be 2000 or fewer in length."
        embeds = body.get("embeds") or []
        if len(embeds) > 10:
            return "embeds: Must be 10 or fewer in length."
        total = 0
        for e in embeds:
            for key, lim in (("title", 256), ("description", 4096)):
                v = e.get(key) or ""
                if len(v) > lim:
                    return f"embeds.{key}: Must be {lim} or fewer in length."
                total += len(v)
            fields = e.get("fields") or []
            if len(fields) > 25:
                return "embeds.fields: Must be 25 or fewer in length."
            for f in fields:
                if len(f.get("name", "")) > 256 or len(f.get("value", "")) > 1024:
                    return "embeds.fields: name/value too long."
                total += len(f.get("name", "")) + len(f.get("value", ""))
            footer = (e.get("footer") or {}).get("text") or ""
            author = (e.get("author") or {}).get("name") or ""
            if len(footer) > 2048 or len(author) > 256:
                return "embeds.footer/author too long."
            total += len(footer) + len(author)
        if total > 6000:
            return "embeds: total length over 6000."
        rows = body.get("components") or []
        if len(rows) > 5:
            return "components: Must be 5 or fewer in length."
        for row in rows:
            if row.get("type") == 1 and len(row.get("components", [])) > 5:
                return "components.components: Must be 5 or fewer in length."
        for comp in P.iter_components(rows):
            cid = comp.get("custom_id")
            if cid is not None and len(cid) > 100:
                return "custom_id: Must be 100 or fewer in length."
            if len(comp.get("label") or "") > 80:
                return "label: Must be 80 or fewer in length."
            url = comp.get("url")
            if url is not None and (len(url) > 512 or not url.startswith(("https://", "http://",
                                                                            "discord://"))):
                return "url: invalid."
        return None

    async def _interaction_callback(self, iid: int, token: str, body: Any) -> web.Response:
        h = self.interactions.get(iid)
        if h is None or h.token != token:
            return self._error(404, "Unknown interaction", 10062)
        if h.callback is not None:
            return self._error(400, "Interaction has already been acknowledged.", 40060)
        ctype = body.get("type")
        data = body.get("data") or {}
        if ctype in (CB_MESSAGE, CB_UPDATE):
            problem = self._check_message_limits(data)
            if problem:
                return self._error(400, f"Invalid Form Body: {problem}", 50035)
        if ctype == CB_AUTOCOMPLETE:
            choices = data.get("choices", [])
            if len(choices) > 25 or any(len(c.get("name", "")) > 100 for c in choices):
                return self._error(400, "Invalid Form Body: choices", 50035)
        h.callback = body
        h.callback_at = time.perf_counter()
        resource: dict[str, Any] | None = {"type": ctype}
        response_message_id = None
        if ctype == CB_MESSAGE:
            msg = self._bot_message(int(h.payload["channel_id"]), data, interaction=h)
            h.original = msg
            response_message_id = msg["id"]
            resource["message"] = msg
            self._record_event("interaction_message", msg)
        elif ctype == CB_UPDATE:
            src = h.payload.get("message")
            if src is not None:
                msg = dict(self.messages.get(int(src["id"]), src))
                for k in ("content", "embeds", "components", "flags"):
                    if k in data:
                        msg[k] = data[k] if data[k] is not None else ([] if k != "content"
                                                                      else "")
                msg["edited_timestamp"] = P.iso_now()
                self.messages[int(msg["id"])] = msg
                h.original = msg
                response_message_id = msg["id"]
                resource["message"] = msg
                self._record_event("edit", msg)
        elif ctype == CB_DEFERRED_MESSAGE:
            msg = self._bot_message(int(h.payload["channel_id"]), {"content": "",
                                    "flags": int(data.get("flags") or 0) | 128}, interaction=h)
            h.original = msg
            response_message_id = msg["id"]
            resource["message"] = msg
        elif ctype in (CB_DEFERRED_UPDATE, CB_AUTOCOMPLETE, 1, 9, 12):
            resource = None if ctype == CB_AUTOCOMPLETE else resource
        else:
            return self._error(400, f"Invalid interaction response type {ctype}", 50035)
        if h.acked is not None and not h.acked.done():
            h.acked.set_result(h.callback_at)
        h._touch()
        self._notify()
        out: dict[str, Any] = {"interaction": {
            "id": str(h.id), "type": h.type,
            "activity_instance_id": None,
            "response_message_id": response_message_id,
            "response_message_loading": ctype == CB_DEFERRED_MESSAGE,
            "response_message_ephemeral": bool(int(data.get("flags") or 0) & 64),
        }}
        if resource is not None:
            out["resource"] = resource
        return self._json(out)

    def _webhook(self, method: str, seg: list[str], body: Any, query) -> web.Response:
        # /webhooks/{app}/{token}[/messages/{id|@original}]
        token = seg[2]
        h = self.interactions_by_token.get(token)
        if h is None or int(seg[1]) != self.application_id:
            return self._error(404, "Unknown Webhook", 10015)
        if h.callback is None:
            return self._error(404, "Unknown Webhook (interaction not acknowledged)", 10015)
        if len(seg) == 3 and method == "POST":
            problem = self._check_message_limits(body)
            if problem:
                return self._error(400, f"Invalid Form Body: {problem}", 50035)
            msg = self._bot_message(int(h.payload["channel_id"]), body, interaction=h)
            h.followups.append(msg)
            h._touch()
            self._record_event("followup", msg)
            if query.get("wait") in ("1", "true", "True"):
                return self._json(msg)
            return web.Response(status=204)
        if len(seg) == 5 and seg[3] == "messages":
            target: dict[str, Any] | None
            if seg[4] == "@original":
                target = h.original
            else:
                mid = int(seg[4])
                target = next((m for m in h.messages() if int(m["id"]) == mid), None)
            if target is None:
                return self._error(404, "Unknown Message", 10008)
            if method == "GET":
                return self._json(target)
            if method == "DELETE":
                self.messages.pop(int(target["id"]), None)
                if target is h.original:
                    h.original = None
                else:
                    h.followups = [m for m in h.followups if m["id"] != target["id"]]
                h._touch()
                return web.Response(status=204)
            if method == "PATCH":
                problem = self._check_message_limits(body)
                if problem:
                    return self._error(400, f"Invalid Form Body: {problem}", 50035)
                msg = dict(target)
                for k in ("content", "embeds", "components", "flags"):
                    if k in body:
                        msg[k] = body[k] if body[k] is not None else ([] if k != "content"
                                                                      else "")
                msg["flags"] = int(msg.get("flags") or 0) & ~128  # no longer "thinking"
                msg["edited_timestamp"] = P.iso_now()
                self.messages[int(msg["id"])] = msg
                if target is h.original:
                    h.original = msg
                else:
                    h.followups = [msg if m["id"] == msg["id"] else m for m in h.followups]
                h._touch()
                self._record_event("edit", msg)
                return self._json(msg)
        return self._error(405, "405: Method Not Allowed")

    def _channels(self, method: str, seg: list[str], body: Any) -> web.Response:
        cid = int(seg[1])
        known = cid in self.channel_by_id or cid in self.dm_channels
        if not known:
            return self._error(404, "Unknown Channel", 10003)
        n = len(seg)
        if n == 2 and method == "GET":
            return self._json(self.channel_by_id.get(cid) or self.dm_channels[cid])
        if n == 3 and seg[2] == "typing" and method == "POST":
            return web.Response(status=204)
        if n == 3 and seg[2] == "messages" and method == "POST":
            problem = self._check_message_limits(body)
            if problem:
                return self._error(400, f"Invalid Form Body: {problem}", 50035)
            if not (body.get("content") or body.get("embeds") or body.get("components")
                    or body.get("_files") or body.get("sticker_ids")):
                return self._error(400, "Cannot send an empty message", 50006)
            msg = self._bot_message(cid, body)
            self._record_event("message", msg)
            return self._json(msg)
        if n == 3 and seg[2] == "messages" and method == "GET":
            msgs = [m for m in self.messages.values() if int(m["channel_id"]) == cid]
            return self._json(list(reversed(msgs))[:50])
        if n >= 4 and seg[2] == "messages":
            mid = int(seg[3])
            msg = self.messages.get(mid)
            if msg is None:
                return self._error(404, "Unknown Message", 10008)
            if n == 4 and method == "GET":
                return self._json(msg)
            if n == 4 and method == "PATCH":
                problem = self._check_message_limits(body)
                if problem:
                    return self._error(400, f"Invalid Form Body: {problem}", 50035)
                msg = dict(msg)
                for k in ("content", "embeds", "components", "flags"):
                    if k in body:
                        msg[k] = body[k] if body[k] is not None else ([] if k != "content"
                                                                      else "")
                msg["edited_timestamp"] = P.iso_now()
                self.messages[mid] = msg
                self._record_event("edit", msg)
                return self._json(msg)
            if n == 4 and method == "DELETE":
                self.messages.pop(mid, None)
                self._record_event("delete", {"id": str(mid), "channel_id": str(cid)})
                return web.Response(status=204)
            if n >= 6 and seg[4] == "reactions" and method in ("PUT", "DELETE"):
                self._record_event("reaction", {"message_id": str(mid), "emoji": seg[5],
                                                "method": method})
                return web.Response(status=204)
        return self._error(405, "405: Method Not Allowed")
