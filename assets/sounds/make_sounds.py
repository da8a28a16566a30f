"""Generate the game's sound effects: short, simple and synthesised with numpy.

Run from the project root:

    .venv/bin/python assets/sounds/make_sounds.py          # (re)write the WAV files here
    .venv/bin/python assets/sounds/make_sounds.py --check  # verify the files on disk

Output: 16-bit mono PCM WAV at 22,050 Hz, written with the standard ``wave`` module.
Each sound is shorter than 0.8 s. Its DC offset is removed, both ends are faded to
silence, and the peak is normalised to ``PEAK_DBFS`` plus a per-sound trim, so no
sound clips. The random noise comes from fixed seeds, so the output is the same on
every run (byte for byte on the same platform and numpy build).

The sounds are original works released under CC0 1.0 (see LICENSE.md).
"""

from __future__ import annotations

import argparse
import hashlib
import sys
import wave
from collections.abc import Callable
from pathlib import Path

import numpy as np

RATE = 22_050
PEAK_DBFS = -1.5  # peak after normalisation, before the per-sound trim
MAX_SECONDS = 0.8
MAX_DC = 1e-3  # |mean| as a fraction of full scale (-60 dBFS)
HERE = Path(__file__).resolve().parent


# --- building blocks --------------------------------------------------------------------------


def _t(seconds: float) -> np.ndarray:
    return np.arange(int(round(seconds * RATE))) / RATE


def _silence(seconds: float) -> np.ndarray:
    return np.zeros(int(round(seconds * RATE)))


def _place(total: np.ndarray, part: np.ndarray, at: float) -> np.ndarray:
    """Add ``part`` into ``total`` starting at ``at`` seconds (cut at the end)."""
    start = int(round(at * RATE))
    end = min(len(total), start + len(part))
    total[start:end] += part[: end - start]
    return total


def _decay(t: np.ndarray, tau: float) -> np.ndarray:
    return np.exp(-t / tau)


def _attack(t: np.ndarray, seconds: float) -> np.ndarray:
    """A raised-cosine fade-in over ``seconds``, then 1."""
    ramp = np.clip(t / seconds, 0.0, 1.0)
    return 0.5 - 0.5 * np.cos(np.pi * ramp)


def _release(x: np.ndarray, seconds: float) -> np.ndarray:
    """Fade the last ``seconds`` of ``x`` smoothly to silence (a raised-cosine release)."""
    k = min(len(x), int(round(seconds * RATE)))
    out = x.copy()
    out[len(x) - k :] *= 0.5 + 0.5 * np.cos(np.pi * np.arange(k) / max(k - 1, 1))
    return out


def _partials(t: np.ndarray, freqs, amps, taus) -> np.ndarray:
    out = np.zeros_like(t)
    for f, a, tau in zip(freqs, amps, taus, strict=True):
        out += a * np.sin(2 * np.pi * f * t) * _decay(t, tau)
    return out


def _noise(seconds: float, seed: int) -> np.ndarray:
    return np.random.default_rng(seed).uniform(-1.0, 1.0, int(round(seconds * RATE)))


def _one_pole_lowpass(x: np.ndarray, cutoff) -> np.ndarray:
    """A one-pole low-pass filter; ``cutoff`` (Hz) may be a scalar or one value per sample."""
    cutoff = np.broadcast_to(np.asarray(cutoff, dtype=float), x.shape)
    alpha = 1.0 - np.exp(-2.0 * np.pi * cutoff / RATE)
    y = np.empty_like(x)
    acc = 0.0
    for i, (xi, ai) in enumerate(zip(x, alpha, strict=True)):
        acc += ai * (xi - acc)
        y[i] = acc
    return y


def _band(x: np.ndarray, low, high) -> np.ndarray:
    """A crude band-pass: the difference of two one-pole low-passes."""
    return _one_pole_lowpass(x, high) - _one_pole_lowpass(x, low)


# --- the sounds -------------------------------------------------------------------------------


def chip_stake() -> np.ndarray:
    """A chip put on the stack: two short metallic clinks, the second softer."""

    def clink(seed: int, detune: float) -> np.ndarray:
        t = _t(0.20)
        tone = _partials(
            t,
            [2350 * detune, 3720 * detune, 5130 * detune, 6890 * detune],
            [1.0, 0.7, 0.45, 0.25],
            [0.045, 0.030, 0.020, 0.012],
        )
        tick = _band(_noise(0.20, seed), 2500, 8000) * _decay(t, 0.003) * 2.0
        return _release((tone + tick) * _attack(t, 0.0008), 0.05)

    out = _silence(0.26)
    _place(out, clink(11, 1.0), 0.0)
    _place(out, 0.55 * clink(12, 1.04), 0.058)
    return out


def card_flip() -> np.ndarray:
    """A card turned over: a short "fwip" of noise whose brightness rises then falls."""
    t = _t(0.18)
    shape = np.sin(np.pi * np.clip(t / 0.12, 0, 1)) ** 2
    cutoff = 900 + 4200 * shape
    swish = _band(_noise(0.18, 21), 500, cutoff)
    env = _attack(t, 0.02) * _decay(t, 0.035)
    slap = _band(_noise(0.18, 22), 300, 3000) * _decay(np.clip(t - 0.085, 0, None), 0.008) * (t >= 0.085)
    return _release(swish * env + 0.6 * slap, 0.04)


def event_reveal() -> np.ndarray:
    """A market-event headline: a soft paper swish, then a two-tone chime."""
    out = _silence(0.72)
    t = _t(0.30)
    cutoff = 600 + 2200 * np.sin(np.pi * np.clip(t / 0.30, 0, 1))
    swish = _band(_noise(0.30, 31), 400, cutoff) * _attack(t, 0.12) * _decay(t, 0.12)
    _place(out, 0.8 * swish, 0.0)
    for at, f in ((0.16, 987.77), (0.26, 1318.51)):  # B5 then E6, a rising fourth
        tc = _t(0.72 - at)
        chime = _partials(tc, [f, 2 * f, 3.01 * f], [1.0, 0.25, 0.08], [0.16, 0.08, 0.04])
        _place(out, 0.55 * chime * _attack(tc, 0.004), at)
    return _release(out, 0.15)


def pot_won() -> np.ndarray:
    """The pot is yours: a rising C-major arpeggio (C5, E5, G5, C6) with a soft mallet tone."""
    out = _silence(0.76)
    notes = (523.25, 659.26, 783.99, 1046.50)
    for i, f in enumerate(notes):
        at = 0.085 * i
        tn = _t(0.76 - at)
        tone = _partials(tn, [f, 2 * f, 3 * f, 4 * f], [1.0, 0.35, 0.12, 0.05], [0.16, 0.08, 0.05, 0.03])
        level = 0.8 if i < len(notes) - 1 else 1.0
        _place(out, level * tone * _attack(tn, 0.003), at)
    return _release(out, 0.15)


def fold() -> np.ndarray:
    """Cards pushed away: a soft low thud with a little muffled noise.

    The body sits at 170 -> 80 Hz with a second harmonic, so that laptop speakers,
    which reproduce little below 100-150 Hz, still play it.
    """
    t = _t(0.30)
    freq = 80 + 90 * np.exp(-t / 0.03)  # the pitch drops from 170 Hz to 80 Hz
    phase = 2 * np.pi * np.cumsum(freq) / RATE
    body = (np.sin(phase) + 0.3 * np.sin(2 * phase)) * _decay(t, 0.06) * _attack(t, 0.004)
    noise = _one_pole_lowpass(_one_pole_lowpass(_noise(0.30, 51), 700), 700)
    muffle = noise * _decay(t, 0.025) * _attack(t, 0.002)
    return _release(body + 2.0 * muffle, 0.08)


def button_click() -> np.ndarray:
    """A UI button: a very short, dry tick."""
    t = _t(0.06)
    tick = _partials(t, [1800, 3100], [1.0, 0.5], [0.006, 0.004])
    grit = _band(_noise(0.06, 61), 1500, 6000) * _decay(t, 0.002)
    return (tick + 0.5 * grit) * _attack(t, 0.0005)


def error() -> np.ndarray:
    """Refused: two low beeps (a soft square-ish 220 Hz tone)."""
    out = _silence(0.42)
    t = _t(0.14)
    f = 220.0
    tone = sum(np.sin(2 * np.pi * k * f * t) / k for k in (1, 3, 5, 7))
    env = _attack(t, 0.008) * _attack(0.14 - t, 0.03) * 0.9 ** (t / 0.14)
    beep = _one_pole_lowpass(tone * env, 1800)
    _place(out, beep, 0.0)
    _place(out, beep, 0.20)
    return out


def your_turn() -> np.ndarray:
    """Your turn: one gentle bell stroke (A5 with soft, slightly inharmonic partials)."""
    t = _t(0.75)
    f = 880.0
    bell = _partials(
        t,
        [f, 2.0 * f, 2.76 * f, 4.07 * f, 0.5 * f],
        [1.0, 0.30, 0.18, 0.06, 0.20],
        [0.24, 0.14, 0.09, 0.05, 0.28],
    )
    return _release(bell * _attack(t, 0.006), 0.2)


# file name (without .wav; the client plays a sound by this name) -> (generator, trim in dB
# relative to PEAK_DBFS). The trims balance loudness: UI ticks quieter, the win loudest.
SOUNDS: dict[str, tuple[Callable[[], np.ndarray], float]] = {
    "chips": (chip_stake, -2.0),
    "card_flip": (card_flip, -3.0),
    "event": (event_reveal, -1.0),
    "win": (pot_won, 0.0),
    "fold": (fold, -1.0),
    "click": (button_click, -5.0),
    "error": (error, -4.0),
    "your_turn": (your_turn, -1.0),
}


# --- finishing and writing --------------------------------------------------------------------


def finish(x: np.ndarray, trim_db: float) -> np.ndarray:
    """Remove DC, fade both ends to silence, normalise the peak; return int16 samples."""
    x = np.asarray(x, dtype=float)
    n = len(x)
    # Fade 3 ms in and 15 ms out, so the first and last samples are 0 (no clicks).
    fade = np.ones(n)
    k_in, k_out = int(0.003 * RATE), int(0.015 * RATE)
    fade[:k_in] = _attack(np.arange(k_in) / RATE, k_in / RATE)
    fade[n - k_out :] = _attack(np.arange(k_out)[::-1] / RATE, k_out / RATE)
    x = x * fade
    # Remove DC with a smooth Hann-shaped correction: the mean becomes exactly 0 and
    # both ends stay at 0 (subtracting a constant would leave a step at each end).
    hann = np.hanning(n)
    x = x - hann * (x.mean() / hann.mean())
    peak = np.max(np.abs(x))
    target = 10 ** ((PEAK_DBFS + trim_db) / 20)
    x = x * (target / peak)
    return np.round(x * 32767).astype(np.int16)


def write_wav(path: Path, samples: np.ndarray) -> None:
    with wave.open(str(path), "wb") as w:
        w.setnchannels(1)
        w.setsampwidth(2)
        w.setframerate(RATE)
        w.writeframes(samples.astype("<i2").tobytes())


def read_wav(path: Path) -> tuple[np.ndarray, int, int, int]:
    with wave.open(str(path), "rb") as w:
        frames = w.readframes(w.getnframes())
        return np.frombuffer(frames, dtype="<i2"), w.getframerate(), w.getnchannels(), w.getsampwidth()


def generate(out_dir: Path = HERE) -> list[Path]:
    paths = []
    for name, (make, trim_db) in SOUNDS.items():
        path = out_dir / f"{name}.wav"
        write_wav(path, finish(make(), trim_db))
        paths.append(path)
    return paths


def check(out_dir: Path = HERE, with_mixer: bool = True) -> list[str]:
    """Verify every file; print one line per sound and return the problems found."""
    problems = []
    for name in SOUNDS:
        path = out_dir / f"{name}.wav"
        if not path.is_file():
            problems.append(f"{name}: missing")
            continue
        samples, rate, channels, width = read_wav(path)
        x = samples.astype(float) / 32768
        seconds = len(samples) / rate
        peak = np.max(np.abs(x))
        peak_db = 20 * np.log10(peak) if peak > 0 else -np.inf
        dc = abs(x.mean())
        print(
            f"{name:10s} {seconds:5.3f} s  peak {peak_db:6.2f} dBFS  DC {dc:.1e}  "
            f"ends {samples[0]:+d}/{samples[-1]:+d}  sha256 {hashlib.sha256(path.read_bytes()).hexdigest()[:12]}"
        )
        if (rate, channels, width) != (RATE, 1, 2):
            problems.append(f"{name}: format {rate} Hz, {channels} ch, {8 * width} bit")
        if not 0 < seconds < MAX_SECONDS:
            problems.append(f"{name}: {seconds:.3f} s long")
        if peak_db > -1.0:
            problems.append(f"{name}: peak {peak_db:.2f} dBFS > -1 dBFS")
        if peak_db < -12.0:
            problems.append(f"{name}: peak {peak_db:.2f} dBFS, too quiet")
        if dc > MAX_DC:
            problems.append(f"{name}: DC offset {dc:.2e}")
        if abs(int(samples[0])) > 1 or abs(int(samples[-1])) > 1:
            problems.append(f"{name}: does not start and end at silence")
    if with_mixer:
        problems += _check_mixer(out_dir)
    return problems


def _check_mixer(out_dir: Path) -> list[str]:
    import os

    os.environ.setdefault("SDL_AUDIODRIVER", "dummy")
    os.environ.setdefault("SDL_VIDEODRIVER", "dummy")
    os.environ.setdefault("PYGAME_HIDE_SUPPORT_PROMPT", "1")
    import pygame

    problems = []
    pygame.mixer.init(frequency=RATE, size=-16, channels=1)
    try:
        for name in SOUNDS:
            try:
                sound = pygame.mixer.Sound(str(out_dir / f"{name}.wav"))
            except pygame.error as exc:
                problems.append(f"{name}: pygame.mixer cannot load it: {exc}")
                continue
            if not 0 < sound.get_length() < MAX_SECONDS:
                problems.append(f"{name}: pygame.mixer length {sound.get_length():.3f} s")
    finally:
        pygame.mixer.quit()
    return problems


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--check", action="store_true", help="only verify the existing files")
    parser.add_argument("--out", type=Path, default=HERE, help="output folder (default: this folder)")
    parser.add_argument("--no-mixer", action="store_true", help="skip the pygame.mixer load check")
    args = parser.parse_args(argv)
    if not args.check:
        for path in generate(args.out):
            print(f"wrote {path}")
    problems = check(args.out, with_mixer=not args.no_mixer)
    for problem in problems:
        print(f"PROBLEM {problem}", file=sys.stderr)
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
