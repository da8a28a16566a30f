"""The game's scenes: title, setup, table, hand-over, showdown, year summary, game over and friends."""
