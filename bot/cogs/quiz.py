"""`/quiz` (channel rounds) and `/study` (solo spaced repetition) on Discord.

The game logic is in commands/quiz (platform-free); this cog turns its events into messages,
buttons and ephemeral replies, records every answer in storage, and keeps one session per
channel (any number of channels at once).
"""

from __future__ import annotations

import logging
import random
from typing import Any, Literal

import discord
from discord import app_commands
from discord.ext import commands as dcommands

from bot.embeds import reply_to_embed
from bot.respond import reply_kwargs
from bot.storage import GuildSettings, SQLiteStorage, Storage
from commands.quiz import (
    QuestionAsked,
    QuestionClosed,
    QuizEnded,
    QuizRegistry,
    QuizRunning,
    QuizSession,
    StudySession,
    SystemClock,
    plan_questions,
)
from commands.quiz.clock import Clock
from commands.quiz.render import (
    LETTERS,
    question_reply,
    reveal_reply,
    scoreboard_reply,
    study_card_reply,
    study_done_reply,
    study_result_reply,
)
from commands.quiz.session import Question
from knowledge.grader import grade
from knowledge.quizbank import QuizBank

log = logging.getLogger(__name__)
NONE = discord.AllowedMentions.none()
LABEL_MAX = 80
CUSTOM_ID_MAX = 100
PER_ROW = 5
MAX_ROWS = 5
MAX_QUESTIONS = 25


def _label(i: int, text: str) -> str:
    label = f"{LETTERS[i]}. {text}"
    return label if len(label) <= LABEL_MAX else label[:LABEL_MAX - 1] + "…"


def _can_manage(interaction: discord.Interaction) -> bool:
    perms = getattr(interaction, "permissions", None)
    return bool(perms and perms.manage_messages)


def _name(user: Any) -> str:
    return str(getattr(user, "display_name", None) or getattr(user, "name", None) or user.id)


_QUIZ_ID = r"usgpko:quiz:(?P<sid>[0-9a-f]{1,16}):(?P<q>[0-9]{1,3}):(?P<i>[0-9]{1,2})"
_STUDY_ID = r"usgpko:study:(?P<uid>[0-9]{1,20}):(?P<i>[0-9]{1,2}|stop)"
STOP = -1


def _cog(interaction: discord.Interaction) -> QuizCog | None:
    cog = interaction.client.get_cog("Quiz")  # type: ignore[union-attr]
    return cog if isinstance(cog, QuizCog) else None


class QuizChoice(discord.ui.DynamicItem[discord.ui.Button], template=_QUIZ_ID):
    """An answer button of a channel quiz. Dynamic: any click is routed by its custom_id to
    the channel's session (a closed question or a restarted bot just says so)."""

    def __init__(self, sid: str, q: int, i: int, label: str = "?") -> None:
        super().__init__(discord.ui.Button(
            label=label, style=discord.ButtonStyle.secondary,
            custom_id=f"usgpko:quiz:{sid}:{q}:{i}", row=i // PER_ROW))
        self.sid, self.q, self.i = sid, q, i

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction, item: discord.ui.Button,
                             match: Any) -> QuizChoice:
        return cls(match["sid"], int(match["q"]), int(match["i"]), item.label or "?")

    async def callback(self, interaction: discord.Interaction) -> None:
        cog = _cog(interaction)
        if cog is None:
            await interaction.response.send_message("The quiz is not available.", ephemeral=True)
            return
        await cog.press_choice(interaction, self.sid, self.q, self.i)


class StudyChoice(discord.ui.DynamicItem[discord.ui.Button], template=_STUDY_ID):
    """An option (or Stop) on someone's ephemeral study card."""

    def __init__(self, uid: int, i: int, label: str = "?") -> None:
        stop = i == STOP
        super().__init__(discord.ui.Button(
            label=label, custom_id=f"usgpko:study:{uid}:{'stop' if stop else i}",
            style=discord.ButtonStyle.danger if stop else discord.ButtonStyle.secondary,
            row=MAX_ROWS - 1 if stop else i // PER_ROW))
        self.uid, self.i = uid, i

    @classmethod
    async def from_custom_id(cls, interaction: discord.Interaction, item: discord.ui.Button,
                             match: Any) -> StudyChoice:
        i = STOP if match["i"] == "stop" else int(match["i"])
        return cls(int(match["uid"]), i, item.label or "?")

    async def callback(self, interaction: discord.Interaction) -> None:
        cog = _cog(interaction)
        if cog is None:
            await interaction.response.send_message("Study is not available.", ephemeral=True)
            return
        await cog.press_study(interaction, self.uid, self.i)


def choice_view(session: QuizSession, question: Question) -> discord.ui.View:
    """The answer buttons of one question: A., B., C., D. (at most 5 a row, 5 rows)."""
    view = discord.ui.View(timeout=None)
    for i, choice in enumerate(question.choices[:PER_ROW * MAX_ROWS]):
        view.add_item(QuizChoice(session.id, question.index, i, _label(i, choice)))
    return view


def study_view(study: StudySession) -> discord.ui.View:
    view = discord.ui.View(timeout=None)
    card = study.card
    for i, choice in enumerate((card.choices if card else [])[:PER_ROW * (MAX_ROWS - 1)]):
        view.add_item(StudyChoice(study.user_id, i, _label(i, choice)))
    view.add_item(StudyChoice(study.user_id, STOP, "Stop"))
    return view


class QuizCog(dcommands.Cog, name="Quiz"):
    """Quiz rounds in channels and solo study, with a persistent leaderboard."""

    quiz = app_commands.Group(name="quiz", description="Quiz rounds for study groups",
                              guild_only=True)

    def __init__(self, bot: Any, storage: Storage | None = None,
                 clock: Clock | None = None, rng: random.Random | None = None) -> None:
        self.bot = bot
        self.bank = QuizBank(bot.pack)
        self.registry = QuizRegistry()
        self.storage: Storage | None = storage
        self._own_storage = storage is None
        self._opened = False
        self.clock: Clock = clock or SystemClock()
        self.rng = rng or random.Random()
        self.studies: dict[int, StudySession] = {}
        self.messages: dict[tuple[str, int], discord.Message] = {}

    async def cog_load(self) -> None:
        # the database is opened on first use: `commands --json` never touches it
        if hasattr(self.bot, "add_dynamic_items"):
            self.bot.add_dynamic_items(QuizChoice, StudyChoice)

    async def cog_unload(self) -> None:
        self.registry.cancel_all()
        if hasattr(self.bot, "remove_dynamic_items"):
            self.bot.remove_dynamic_items(QuizChoice, StudyChoice)
        if self.storage is not None and self._own_storage and self._opened:
            await self.storage.close()
            self._opened = False

    async def db(self) -> Storage:
        """The storage, opened (and migrated) on first use."""
        if self.storage is None:
            self.storage = SQLiteStorage(getattr(self.bot.config, "database", "usgpko.sqlite3"))
        if not self._opened:
            await self.storage.open()
            self._opened = True
        return self.storage

    def _defaults(self) -> GuildSettings:
        cfg = self.bot.config
        return GuildSettings(int(getattr(cfg, "quiz_seconds", 20)),
                             int(getattr(cfg, "quiz_questions", 10)))

    @property
    def typed_in_channel(self) -> bool:
        return bool(getattr(self.bot.config, "message_content", False))

    # -- events from a session -------------------------------------------------------------

    def _notifier(self, channel: Any) -> Any:
        async def notify(ev: Any) -> None:
            try:
                await self._show(channel, ev)
            except discord.HTTPException:
                log.warning("could not show a quiz event in %s", channel.id, exc_info=True)
        return notify

    async def _show(self, channel: Any, ev: Any) -> None:
        pack = self.bot.pack
        if isinstance(ev, QuestionAsked):
            s, q = ev.session, ev.question
            reply = question_reply(s, q)
            if s.mode == "typed" and not self.typed_in_channel:
                reply.footer = "Answer with /quiz answer." + (
                    f" {int(q.seconds)} s." if q.seconds else "")
            kwargs: dict[str, Any] = {"embed": reply_to_embed(reply), "allowed_mentions": NONE}
            if q.choices:
                kwargs["view"] = choice_view(s, q)
            msg = await channel.send(**kwargs)
            self.messages[(s.id, q.index)] = msg
        elif isinstance(ev, QuestionClosed):
            s, q = ev.session, ev.question
            msg = self.messages.pop((s.id, q.index), None)
            if msg is not None and q.choices:
                try:
                    await msg.edit(view=None)
                except discord.HTTPException:
                    pass
            reveal = reveal_reply(pack, s, q, ev.winner.name if ev.winner else None)
            await channel.send(allowed_mentions=NONE, **reply_kwargs(reveal))
        elif isinstance(ev, QuizEnded):
            for key in [k for k in self.messages if k[0] == ev.session.id]:
                self.messages.pop(key, None)
            board = scoreboard_reply(ev.scoreboard, reason=ev.reason)
            await channel.send(embed=reply_to_embed(board), allowed_mentions=NONE)

    # -- buttons ---------------------------------------------------------------------------

    async def press_choice(self, interaction: discord.Interaction, sid: str, q: int,
                           i: int) -> None:
        session = self.registry.get(interaction.channel_id or 0)
        cur = session.current if session is not None else None
        if session is None or session.id != sid or cur is None or cur.index != q:
            await interaction.response.send_message("That question is closed.", ephemeral=True)
            return
        result = await session.answer(interaction.user.id, _name(interaction.user), choice=i)
        text = {"correct": f"Correct! +{result.points}",
                "wrong": "Wrong, sorry: one try per question.",
                "locked": "You already answered this one.",
                "late": "Someone else was faster.",
                }.get(result.status, "That question is closed.")
        await interaction.response.send_message(text, ephemeral=True)

    async def press_study(self, interaction: discord.Interaction, uid: int, i: int) -> None:
        if interaction.user.id != uid:
            await interaction.response.send_message("Start your own with /study.",
                                                    ephemeral=True)
            return
        study = self.studies.get(uid)
        if study is None or study.card is None:
            await interaction.response.send_message("This card has expired: run /study again.",
                                                    ephemeral=True)
            return
        if i == STOP:
            self.studies.pop(uid, None)
            await interaction.response.edit_message(
                embed=reply_to_embed(study_done_reply(study)), view=None)
            return
        result = await study.answer(choice=i)
        embeds = [reply_to_embed(study_result_reply(result))]
        card = study.next_card()
        if card is None:
            self.studies.pop(uid, None)
            embeds.append(reply_to_embed(study_done_reply(study)))
            await interaction.response.edit_message(embeds=embeds, view=None)
            return
        embeds.append(reply_to_embed(study_card_reply(study, card)))
        await interaction.response.edit_message(embeds=embeds, view=study_view(study))

    # -- /quiz -----------------------------------------------------------------------------

    async def _topic_choices(self, interaction: discord.Interaction,
                             current: str) -> list[app_commands.Choice[str]]:
        cur = (current or "").lower()
        return [app_commands.Choice(name=f"{t} ({n})", value=t)
                for t, n in self.bank.topics().items() if cur in t][:25]

    @quiz.command(name="start", description="Start a quiz round in this channel")
    @app_commands.describe(topic="missions, officials, departments... (default: all)",
                           questions="How many questions (1-25)",
                           mode="Buttons (multiple choice) or typed answers",
                           seconds="Seconds per question (10-120)")
    async def start(self, interaction: discord.Interaction, topic: str | None = None,
                    questions: app_commands.Range[int, 1, MAX_QUESTIONS] | None = None,
                    mode: Literal["buttons", "typed"] | None = None,
                    seconds: app_commands.Range[int, 10, 120] | None = None) -> None:
        channel = interaction.channel
        if channel is None:
            await interaction.response.send_message("Start a quiz in a channel.",
                                                    ephemeral=True)
            return
        if self.registry.get(channel.id) is not None:
            await interaction.response.send_message(
                "A quiz is already running here. `/quiz stop` ends it.", ephemeral=True)
            return
        if topic and topic not in self.bank.topics():
            await interaction.response.send_message(
                f"Unknown topic. Try one of: {', '.join(self.bank.topics())}.", ephemeral=True)
            return
        settings = await (await self.db()).get_settings(interaction.guild_id, self._defaults())
        mode = mode or "buttons"
        count = questions or min(settings.questions, MAX_QUESTIONS)
        secs = float(seconds or settings.seconds)
        items = plan_questions(self.bank, topic, count, mode, self.rng)
        store = await self.db()
        if not items:
            await interaction.response.send_message("No questions for that topic.",
                                                    ephemeral=True)
            return
        session = QuizSession(
            channel_id=channel.id, guild_id=interaction.guild_id, starter_id=interaction.user.id,
            items=items, grade=lambda item, text: grade(self.bot.pack, item, text),
            notify=self._notifier(channel), mode=mode, seconds=secs, clock=self.clock,
            recorder=store, topic=topic)
        try:
            self.registry.add(session)
        except QuizRunning:
            await interaction.response.send_message("A quiz is already running here.",
                                                    ephemeral=True)
            return
        how = ("press a button" if mode == "buttons" else
               "type your answer in the channel or use `/quiz answer`" if self.typed_in_channel
               else "answer with `/quiz answer`")
        await interaction.response.send_message(
            f"Quiz starting: {len(items)} question(s){f' on {topic}' if topic else ''}, "
            f"{int(secs)} s each: {how}. First right answer scores; faster scores more.",
            allowed_mentions=NONE)
        session.start()

    @start.autocomplete("topic")
    async def start_topic(self, interaction: discord.Interaction,
                          current: str) -> list[app_commands.Choice[str]]:
        return await self._topic_choices(interaction, current)

    async def _session(self, interaction: discord.Interaction) -> QuizSession | None:
        session = self.registry.get(interaction.channel_id or 0)
        if session is None:
            await interaction.response.send_message("No quiz is running in this channel.",
                                                    ephemeral=True)
        return session

    @quiz.command(name="stop", description="End the quiz in this channel (starter or moderators)")
    async def stop(self, interaction: discord.Interaction) -> None:
        session = await self._session(interaction)
        if session is None:
            return
        if not session.stop(interaction.user.id, _can_manage(interaction)):
            await interaction.response.send_message(
                "Only the person who started the quiz, or someone with Manage Messages, can "
                "stop it.", ephemeral=True)
            return
        await interaction.response.send_message("Stopping the quiz.", allowed_mentions=NONE)

    @quiz.command(name="skip", description="Skip the current question (starter or moderators)")
    async def skip(self, interaction: discord.Interaction) -> None:
        session = await self._session(interaction)
        if session is None:
            return
        if not session.skip(interaction.user.id, _can_manage(interaction)):
            await interaction.response.send_message(
                "Only the person who started the quiz, or someone with Manage Messages, can "
                "skip.", ephemeral=True)
            return
        await interaction.response.send_message("Skipping.", allowed_mentions=NONE)

    @quiz.command(name="hint", description="A hint for the current question (costs points)")
    async def hint(self, interaction: discord.Interaction) -> None:
        session = await self._session(interaction)
        if session is None:
            return
        text = session.hint()
        await interaction.response.send_message(
            f"Hint: {discord.utils.escape_markdown(text)}" if text else "No open question.",
            allowed_mentions=NONE)

    @quiz.command(name="answer", description="Answer the current question")
    @app_commands.describe(text="Your answer")
    async def answer(self, interaction: discord.Interaction,
                     text: app_commands.Range[str, 1, 200]) -> None:
        session = await self._session(interaction)
        if session is None:
            return
        q = session.current
        if q is not None and q.choices:
            # with buttons, a typed answer is matched against the options
            result = await session.answer(interaction.user.id, _name(interaction.user),
                                          choice=self._option(session, q, text))
        else:
            result = await session.answer(interaction.user.id, _name(interaction.user),
                                          text=text)
        msg = {"correct": f"Correct! +{result.points}", "wrong": "Not quite, try again.",
               "locked": "You already answered this one.", "late": "Someone else was faster.",
               }.get(result.status, "No question is open.")
        if result.status == "wrong" and q is not None and q.choices:
            msg = "Wrong, sorry: one try per question."
        await interaction.response.send_message(msg, ephemeral=True)

    def _option(self, session: QuizSession, q: Question, text: str) -> int:
        letter = text.strip().upper().rstrip(".")
        if len(letter) == 1 and letter in LETTERS[:len(q.choices)]:
            return LETTERS.index(letter)
        for i, c in enumerate(q.choices):
            if c == q.item.answer and grade(self.bot.pack, q.item, text).correct:
                return i
        return next((i for i, c in enumerate(q.choices) if c != q.item.answer), 0)

    @quiz.command(name="leaderboard", description="This server's quiz leaderboard")
    async def leaderboard(self, interaction: discord.Interaction) -> None:
        lines = await (await self.db()).leaderboard(interaction.guild_id, 10)
        reply = scoreboard_reply(lines, title="Leaderboard", empty="No scores yet.")
        await interaction.response.send_message(embed=reply_to_embed(reply),
                                                allowed_mentions=NONE)

    @quiz.command(name="stats", description="Quiz and study stats for you or a member")
    @app_commands.describe(member="Whose stats (default: yours)")
    async def stats(self, interaction: discord.Interaction,
                    member: discord.Member | discord.User | None = None) -> None:
        who = member or interaction.user
        st = await (await self.db()).user_stats(interaction.guild_id, who.id)
        if st is None:
            text = f"No quiz answers from {_name(who)} yet."
        else:
            text = (f"{_name(who)}: {st.points} points, rank {st.rank or '-'}; "
                    f"{st.correct}/{st.answered} right ({st.accuracy:.0%}); "
                    f"studying {st.studied} cards, {st.mastered} well learned.")
        await interaction.response.send_message(discord.utils.escape_markdown(text),
                                                ephemeral=True, allowed_mentions=NONE)

    # -- /study ----------------------------------------------------------------------------

    @app_commands.command(name="study", description="Study alone: spaced repetition brings "
                                                    "back what you got wrong")
    @app_commands.describe(topic="missions, officials, departments... (default: all)")
    async def study(self, interaction: discord.Interaction, topic: str | None = None) -> None:
        if topic and topic not in self.bank.topics():
            await interaction.response.send_message(
                f"Unknown topic. Try one of: {', '.join(self.bank.topics())}.", ephemeral=True)
            return
        st = StudySession(self.bank, interaction.user.id, await self.db(), clock=self.clock,
                          rng=self.rng, typed=False, topic=topic)
        await st.load()
        card = st.next_card()
        if card is None:
            await interaction.response.send_message(embed=reply_to_embed(study_done_reply(st)),
                                                    ephemeral=True)
            return
        self.studies[interaction.user.id] = st
        await interaction.response.send_message(embed=reply_to_embed(study_card_reply(st, card)),
                                                view=study_view(st), ephemeral=True)

    @study.autocomplete("topic")
    async def study_topic(self, interaction: discord.Interaction,
                          current: str) -> list[app_commands.Choice[str]]:
        return await self._topic_choices(interaction, current)

    # -- typed answers in the channel (Message Content switch) -----------------------------

    @dcommands.Cog.listener("on_message")
    async def typed_answer(self, message: discord.Message) -> None:
        if not self.typed_in_channel or message.author.bot or not message.content:
            return
        session = self.registry.get(message.channel.id)
        if session is None or session.mode != "typed" or session.current is None:
            return
        result = await session.answer(message.author.id, _name(message.author),
                                      text=message.content)
        if result.correct:
            try:
                await message.add_reaction("\u2705")
            except discord.HTTPException:
                pass


async def setup(bot: Any) -> None:
    await bot.add_cog(QuizCog(bot))
