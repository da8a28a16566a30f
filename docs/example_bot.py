"""A complete Table Stakes bot. Copy this file, change `act`, and run it:

    python main.py --headless --seats example_bot.py:MyBot,steady,random --games 200
"""

from game.bots import Bot
from game.core import Action, hand_capability


class MyBot(Bot):
    name = "my bot"

    def act(self, observation, legal):
        me = observation.firms[observation.viewer]
        if "sit_out" in legal.kinds:  # the start of a year: pay this year's ante or sit out?
            return Action("sit_in") if legal.can_sit_in and me.cash >= 2 * legal.ante else Action("sit_out")
        mine = hand_capability(observation, observation.viewer, observation.my_cards).total
        rivals = [firm.seat for firm in observation.firms
                  if firm.seat != observation.viewer and firm.status in ("active", "all_in")]
        best_rival = max(hand_capability(observation, seat, ()).total for seat in rivals)  # compute only
        if mine > best_rival + 5 and legal.can_bet:  # well ahead: invest one ante more
            return Action("bet", legal.bet_min)
        if legal.can_check:
            return Action("check")
        if mine > best_rival and legal.call_amount <= me.cash // 4:
            return Action("call")
        return Action("fold")
