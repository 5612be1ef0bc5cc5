"""The bot's configuration: a YAML file plus DISCORD_TOKEN, validated into a frozen Config.

Every problem is a ConfigError with a one-line message that never contains the token.
"""

from __future__ import annotations

import logging
import os
from collections.abc import Mapping
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import yaml

DEFAULT_CONFIG = "config.yaml"
TOKEN_ENV = "DISCORD_TOKEN"
LOG_LEVELS = ("DEBUG", "INFO", "WARNING", "ERROR", "CRITICAL")
_KEYS = {"token", "owner_ids", "dev_guild_id", "cooldown", "message_content", "log_level", "pack",
         "database", "quiz", "shard_count", "shard_ids", "api_base"}


class ConfigError(Exception):
    """A configuration problem, reported as one line and exit code 2."""


@dataclass(frozen=True)
class Config:
    """Validated settings. `token` is kept out of repr."""

    token: str = field(default="", repr=False)
    owner_ids: tuple[int, ...] = ()
    dev_guild_id: int | None = None
    cooldown_rate: int = 5
    cooldown_per: float = 10.0
    message_content: bool = False
    log_level: str = "INFO"
    pack: str | None = None
    database: str = "usgpko.sqlite3"
    quiz_seconds: int = 20
    quiz_questions: int = 10
    shard_count: int | None = None
    shard_ids: tuple[int, ...] | None = None
    api_base: str | None = None


def _int(name: str, value: Any, *, minimum: int = 0, optional: bool = False) -> int | None:
    if value is None and optional:
        return None
    if isinstance(value, bool) or not isinstance(value, int) or value < minimum:
        raise ConfigError(f"{name} must be an integer >= {minimum}, got {_show(value)}")
    return value


def _show(value: Any) -> str:
    """A short, safe description of a bad value (type plus a clipped repr)."""
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _ints(name: str, value: Any, *, optional: bool = False) -> tuple[int, ...] | None:
    if value is None:
        return None if optional else ()
    if not isinstance(value, list):
        raise ConfigError(f"{name} must be a list of integers, got {_show(value)}")
    return tuple(_int(f"{name} item", v) for v in value)  # type: ignore[misc]


def _section(name: str, value: Any) -> Mapping[str, Any]:
    if value is None:
        return {}
    if not isinstance(value, dict):
        raise ConfigError(f"{name} must be a mapping, got {_show(value)}")
    return value


def _read_yaml(path: Path) -> Mapping[str, Any]:
    try:
        text = path.read_text(encoding="utf-8")
    except OSError as exc:
        raise ConfigError(f"cannot read config file {path}: {exc.strerror or exc}") from None
    except UnicodeDecodeError:
        raise ConfigError(f"{path}: not UTF-8 text") from None
    try:
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        # Only the problem and the line: YAML's snippet could show the token line.
        mark = getattr(exc, "problem_mark", None)
        where = f"{path}:{mark.line + 1}" if mark is not None else str(path)
        problem = getattr(exc, "problem", None) or "invalid YAML"
        raise ConfigError(f"{where}: bad YAML: {problem}") from None
    if data is None:
        return {}
    if not isinstance(data, dict):
        raise ConfigError(f"{path}: the config must be a mapping of keys to values")
    return data


def parse_config(data: Mapping[str, Any], env: Mapping[str, str] | None = None,
                 *, require_token: bool = True) -> Config:
    """Validate a mapping (as read from YAML) into a Config; DISCORD_TOKEN wins over `token`."""
    env = os.environ if env is None else env
    unknown = sorted(str(k) for k in data if k not in _KEYS)
    if unknown:
        raise ConfigError(f"unknown config key {unknown[0]!r} (known: {', '.join(sorted(_KEYS))})")
    token = env.get(TOKEN_ENV) or data.get("token") or ""
    if not isinstance(token, str):
        raise ConfigError("token must be a string")
    token = token.strip()
    if require_token and not token:
        raise ConfigError(f"no bot token: set {TOKEN_ENV} or 'token' in the config file")
    if token and any(c.isspace() for c in token):
        raise ConfigError("the token contains whitespace; copy it again from the Developer Portal")

    cooldown = _section("cooldown", data.get("cooldown"))
    rate = _int("cooldown.rate", cooldown.get("rate", 5), minimum=1)
    per = cooldown.get("per", 10)
    if isinstance(per, bool) or not isinstance(per, int | float) or per <= 0:
        raise ConfigError(f"cooldown.per must be a positive number of seconds, got {_show(per)}")
    quiz = _section("quiz", data.get("quiz"))

    mc = data.get("message_content", False)
    if not isinstance(mc, bool):
        raise ConfigError(f"message_content must be true or false, got {_show(mc)}")
    level = str(data.get("log_level") or "INFO").upper()
    if level not in LOG_LEVELS:
        raise ConfigError(f"log_level must be one of {', '.join(LOG_LEVELS)}, got {_show(level)}")
    pack = data.get("pack")
    if pack is not None and not isinstance(pack, str):
        raise ConfigError(f"pack must be a folder path, got {_show(pack)}")
    database = data.get("database") or "usgpko.sqlite3"
    if not isinstance(database, str):
        raise ConfigError(f"database must be a file path, got {_show(database)}")

    shard_count = _int("shard_count", data.get("shard_count"), minimum=1, optional=True)
    shard_ids = _ints("shard_ids", data.get("shard_ids"), optional=True)
    if shard_ids is not None:
        if shard_count is None:
            raise ConfigError("shard_ids needs shard_count")
        bad = [i for i in shard_ids if i >= shard_count]
        if bad or not shard_ids:
            raise ConfigError(f"shard_ids must be a non-empty list of ids below shard_count "
                              f"({shard_count})")

    api_base = data.get("api_base")
    if api_base is not None:
        if not isinstance(api_base, str) or not api_base.startswith(("http://", "https://")):
            raise ConfigError(f"api_base must be an http(s) URL, got {_show(api_base)}")
        api_base = api_base.rstrip("/")

    return Config(
        token=token,
        owner_ids=_ints("owner_ids", data.get("owner_ids")) or (),
        dev_guild_id=_int("dev_guild_id", data.get("dev_guild_id"), minimum=1, optional=True),
        cooldown_rate=rate or 5,
        cooldown_per=float(per),
        message_content=mc,
        log_level=level,
        pack=pack,
        database=database,
        quiz_seconds=_int("quiz.seconds", quiz.get("seconds", 20), minimum=1) or 20,
        quiz_questions=_int("quiz.questions", quiz.get("questions", 10), minimum=1) or 10,
        shard_count=shard_count,
        shard_ids=shard_ids,
        api_base=api_base,
    )


def load_config(path: str | Path | None = None, env: Mapping[str, str] | None = None,
                *, require_token: bool = True) -> Config:
    """Read and validate a config file. An explicit path must exist; the default may be absent."""
    if path is None:
        default = Path(DEFAULT_CONFIG)
        data = _read_yaml(default) if default.exists() else {}
    else:
        p = Path(path)
        if not p.is_file():
            raise ConfigError(f"config file not found: {p}")
        data = _read_yaml(p)
    return parse_config(data, env, require_token=require_token)


class RedactFilter(logging.Filter):
    """Replaces the token in every log record that passes through a handler."""

    def __init__(self, secret: str) -> None:
        super().__init__()
        self.secret = secret

    def filter(self, record: logging.LogRecord) -> bool:
        if not self.secret:
            return True
        message = record.getMessage()
        if self.secret in message:
            record.msg = message.replace(self.secret, "[token]")
            record.args = None
        if record.exc_info and record.exc_info[1] is not None:
            text = logging.Formatter().formatException(record.exc_info)
            if self.secret in text:
                record.exc_text = text.replace(self.secret, "[token]")
        return True


def setup_logging(config: Config, stream: Any = None) -> logging.Handler:
    """Log to stderr at the configured level, with the token redacted."""
    handler = logging.StreamHandler(stream)
    handler.setFormatter(logging.Formatter("%(asctime)s %(levelname)s %(name)s: %(message)s"))
    handler.addFilter(RedactFilter(config.token))
    root = logging.getLogger()
    root.addHandler(handler)
    root.setLevel(config.log_level)
    return handler
