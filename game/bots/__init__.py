"""Bots: players that see only an observation and the legal actions."""

from .random_bot import RandomBot

__all__ = ["RandomBot"]
