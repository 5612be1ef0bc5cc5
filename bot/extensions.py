"""The cogs the bot loads at start-up, in order."""

EXTENSIONS: tuple[str, ...] = ("bot.cogs.ask", "bot.cogs.lookup", "bot.cogs.help", "bot.cogs.quiz")
