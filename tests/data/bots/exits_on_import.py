"""A bot file that ends the program as it is imported."""

import sys

sys.exit("this bot file stops whoever imports it")
