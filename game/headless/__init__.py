"""Headless AI-vs-AI runs: a referee that keeps bots honest, and the tournament runner."""
