"""The network: a table server that drives one match over WebSockets, and its protocol (DESIGN.md §7)."""
