"""Discord, console and CLI front ends."""
