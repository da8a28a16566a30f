"""The pygame client: the only package that imports pygame.

It draws from observations and sends actions through the session, exactly as bots do.
"""
