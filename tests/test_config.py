"""Config: defaults, validation, DISCORD_TOKEN, one-line errors (exit 2), the token kept secret."""

from __future__ import annotations

import asyncio
import io
import logging
import os
import subprocess
import sys
from pathlib import Path

import pytest
import yaml
from aiohttp import web

from bot.config import (
    Config,
    ConfigError,
    RedactFilter,
    load_config,
    parse_config,
    setup_logging,
)

ROOT = Path(__file__).resolve().parent.parent
SECRET = "MTIzNDU2Nzg5MDEyMzQ1Njc4.SeCrEt.tok3n-value_xyz"


def run_cli(*args: str, env_token: str | None = None) -> subprocess.CompletedProcess:
    env = {k: v for k, v in os.environ.items() if k != "DISCORD_TOKEN"}
    env["HTTPS_PROXY"] = "http://127.0.0.1:9"  # any real network call would fail fast
    if env_token is not None:
        env["DISCORD_TOKEN"] = env_token
    return subprocess.run([sys.executable, "-m", "bot", *args], capture_output=True, text=True,
                          timeout=60, cwd=str(ROOT), env=env)


def write(tmp_path: Path, text: str) -> str:
    path = tmp_path / "config.yaml"
    path.write_text(text, encoding="utf-8")
    return str(path)


def test_example_config_is_valid_and_documented():
    example = ROOT / "config.example.yaml"
    data = yaml.safe_load(example.read_text(encoding="utf-8"))
    cfg = parse_config(data, env={"DISCORD_TOKEN": "abc"})
    assert cfg == Config(token="abc")  # the example holds the defaults
    lines = [ln for ln in example.read_text(encoding="utf-8").splitlines()
             if ln.strip() and not ln.lstrip().startswith("#")]
    text = example.read_text(encoding="utf-8")
    for key in ("token", "owner_ids", "dev_guild_id", "cooldown", "message_content", "log_level",
                "pack", "database", "quiz", "shard_count", "shard_ids", "api_base"):
        assert key in text
    assert lines


def test_defaults_and_env_token_wins(tmp_path):
    cfg = load_config(write(tmp_path, "token: from-file\n"), env={"DISCORD_TOKEN": "from-env"})
    assert cfg.token == "from-env"
    assert (cfg.cooldown_rate, cfg.cooldown_per, cfg.message_content) == (5, 10.0, False)
    assert cfg.database == "usgpko.sqlite3" and (cfg.quiz_seconds, cfg.quiz_questions) == (20, 10)
    assert load_config(write(tmp_path, "token: from-file\n"), env={}).token == "from-file"
    assert "from-file" not in repr(load_config(write(tmp_path, "token: from-file\n"), env={}))


def test_full_config(tmp_path):
    cfg = load_config(write(tmp_path, """
token: t
owner_ids: [1, 2]
dev_guild_id: 42
cooldown: {rate: 3, per: 7.5}
message_content: true
log_level: debug
shard_count: 4
shard_ids: [0, 2]
api_base: http://127.0.0.1:8080/api/v10/
"""), env={})
    assert cfg.owner_ids == (1, 2) and cfg.dev_guild_id == 42 and cfg.cooldown_per == 7.5
    assert cfg.message_content and cfg.log_level == "DEBUG" and cfg.shard_ids == (0, 2)
    assert cfg.api_base == "http://127.0.0.1:8080/api/v10"


@pytest.mark.parametrize(("text", "message"), [
    ("", "no bot token"),
    (f"token: {SECRET}\ncooldown: {{rate: 0}}\n", "cooldown.rate"),
    (f"token: {SECRET}\nmessage_content: yes please\n", "message_content"),
    (f"token: {SECRET}\nlog_level: LOUD\n", "log_level"),
    (f"token: {SECRET}\nshard_ids: [3]\nshard_count: 2\n", "shard_ids"),
    (f"token: {SECRET}\nshard_ids: [0]\n", "shard_count"),
    (f"token: {SECRET}\napi_base: ftp://x\n", "api_base"),
    (f"token: {SECRET}\nowner_ids: [me]\n", "owner_ids"),
    (f"token: {SECRET}\ntokne: x\n", "unknown config key"),
    (f"token: {SECRET}: oops\n", "bad YAML"),
    (f"token: \"{SECRET}\n", "bad YAML"),
    ("- just\n- a list\n", "mapping"),
])
def test_bad_config_is_one_line_exit_2_without_token(tmp_path, text, message):
    proc = run_cli("run", "--config", write(tmp_path, text))
    assert proc.returncode == 2, proc.stderr
    assert proc.stderr.count("\n") == 1 and message in proc.stderr, proc.stderr
    assert "Traceback" not in proc.stderr and SECRET not in proc.stderr + proc.stdout
    assert SECRET[:20] not in proc.stderr


def test_missing_config_file_and_sync_errors(tmp_path):
    proc = run_cli("sync", "--config", str(tmp_path / "nope.yaml"))
    assert proc.returncode == 2 and "config file not found" in proc.stderr
    proc = run_cli("sync", "--config", write(tmp_path, "log_level: INFO\n"))
    assert proc.returncode == 2 and "no bot token" in proc.stderr


def test_redact_filter_hides_token_in_logs():
    stream = io.StringIO()
    handler = setup_logging(Config(token=SECRET, log_level="DEBUG"), stream)
    try:
        log = logging.getLogger("test.redact")
        log.warning("header was Bot %s", SECRET)
        try:
            raise RuntimeError(f"failed with {SECRET}")
        except RuntimeError:
            log.exception("boom")
    finally:
        logging.getLogger().removeHandler(handler)
    assert SECRET not in stream.getvalue() and "[token]" in stream.getvalue()
    assert RedactFilter("").filter(logging.makeLogRecord({"msg": "x"}))


def test_config_error_type():
    with pytest.raises(ConfigError):
        parse_config({"cooldown": {"per": -1}}, env={"DISCORD_TOKEN": "x"})


async def test_run_honours_api_base_on_loopback(tmp_path):
    """`python -m bot run` sends its REST calls to api_base; a 401 there: one line, exit 2."""
    seen: list[tuple[str, str]] = []

    async def anything(request: web.Request) -> web.Response:
        seen.append((request.path, request.headers.get("Authorization", "")))
        return web.json_response({"message": "401: Unauthorized", "code": 0}, status=401)

    app = web.Application()
    app.router.add_route("*", "/{tail:.*}", anything)
    runner = web.AppRunner(app)
    await runner.setup()
    site = web.TCPSite(runner, "127.0.0.1", 0)
    await site.start()
    port = site._server.sockets[0].getsockname()[1]
    cfg = write(tmp_path, f"api_base: http://127.0.0.1:{port}/api/v10\nlog_level: WARNING\n")
    env = {**os.environ, "DISCORD_TOKEN": SECRET, "NO_PROXY": "127.0.0.1"}
    try:
        proc = await asyncio.create_subprocess_exec(
            sys.executable, "-m", "bot", "run", "--config", cfg, cwd=str(ROOT), env=env,
            stdout=asyncio.subprocess.PIPE, stderr=asyncio.subprocess.PIPE)
        out, err = await asyncio.wait_for(proc.communicate(), 60)
    finally:
        await runner.cleanup()
    assert seen and seen[0] == ("/api/v10/users/@me", f"Bot {SECRET}")
    assert proc.returncode == 2
    assert SECRET.encode() not in out + err and b"rejected the token" in err
