"""Discord cogs: ask, lookup, help (and quiz, added by its own module)."""
