"""Learned suggestions for a new concern: its category and the competent body.

Character n-gram TF-IDF (on the folded text, so "boi thuong" and "bồi thường" are one) and a
linear model (logistic loss, fitted by SGD), trained only on this installation's confirmed
records: concerns whose category a board officer confirmed at triage (`category_confirmed`) and,
for the body, whose competent body was confirmed or assigned. `retrain` runs from a periodic job
and trains only when the confirmed data changed (its fingerprint); the artefact is stored in the
database, so every process uses the same one. A request never trains: `suggest` loads the stored
artefact once per process (and again only when a newer one exists) and predicts one record in
milliseconds. The suggestion is shown with its confidence and the words that weighed most; a
human always confirms.
"""

from __future__ import annotations

import hashlib
import io
import threading
from dataclasses import dataclass

import joblib
import numpy as np
from django.db.models import Count, Max, Sum
from sklearn.feature_extraction.text import TfidfVectorizer
from sklearn.linear_model import SGDClassifier
from sklearn.pipeline import Pipeline

from phoihop.core.text import fold
from phoihop.organisations.models import Organisation

from .models import Category, Concern, SuggestionModel
from .selectors import STOP_WORDS

TARGETS = ("category", "body")
MIN_RECORDS = 20  # fewer confirmed records than this: no model, no suggestion
MIN_CLASSES = 2
TOP = 3
MIN_CONFIDENCE = 0.01  # a 0 % suggestion is no suggestion


@dataclass(frozen=True)
class Suggestion:
    pk: int
    label: str
    confidence: float  # 0..1
    words: tuple[str, ...]  # the words of the text that weighed most for this choice


def record_text(title: str, summary: str = "") -> str:
    return fold(f"{title} {summary[:600]}")


def original_words(text: str) -> dict[str, str]:
    """Each folded word of `text` → the word as the officer wrote it (first occurrence)."""
    words: dict[str, str] = {}
    for token in text.split():
        word = token.strip(".,;:!?()[]\"'«»“”…-–")
        folded = fold(word)
        if folded and folded not in words:
            words[folded] = word
    return words


def _confirmed(target: str):
    concerns = Concern.objects.filter(category_confirmed=True, merged_into__isnull=True)
    if target == "body":
        concerns = concerns.filter(competent_body__isnull=False)
    return concerns


def _label_field(target: str) -> str:
    return "category_id" if target == "category" else "competent_body_id"


def fingerprint(target: str) -> str:
    """Changes whenever a confirmed record is added, confirmed again or relabelled."""
    summary = _confirmed(target).aggregate(
        n=Count("id"), last=Max("confirmed_at"), top=Max("id"), labels=Sum(_label_field(target))
    )
    raw = f"{summary['n']}|{summary['last']}|{summary['top']}|{summary['labels']}"
    return hashlib.sha256(raw.encode()).hexdigest()


def build_pipeline() -> Pipeline:
    return Pipeline(
        [
            (
                "tfidf",
                TfidfVectorizer(
                    analyzer="char_wb",
                    ngram_range=(2, 4),
                    min_df=2,
                    max_features=200_000,
                    sublinear_tf=True,
                    lowercase=False,  # the text is folded already
                    dtype=np.float32,
                ),
            ),
            (
                "model",
                SGDClassifier(loss="log_loss", alpha=1e-4, max_iter=30, tol=1e-4, random_state=0),
            ),
        ]
    )


def train(texts: list[str], labels: list[int]) -> Pipeline | None:
    if len(texts) < MIN_RECORDS or len(set(labels)) < MIN_CLASSES:
        return None
    pipeline = build_pipeline()
    pipeline.fit(texts, labels)
    return pipeline


def training_data(target: str) -> tuple[list[str], list[int]]:
    rows = _confirmed(target).values_list("title", "summary", _label_field(target))
    texts, labels = [], []
    for title, summary, label in rows.iterator(chunk_size=5000):
        texts.append(record_text(title, summary))
        labels.append(label)
    return texts, labels


def retrain(force: bool = False) -> list[str]:
    """Train each target whose confirmed data changed since the stored model; return them."""
    trained = []
    for target in TARGETS:
        current = fingerprint(target)
        latest = (
            SuggestionModel.objects.filter(target=target)
            .order_by("-trained_at", "-pk")
            .values_list("fingerprint", flat=True)
            .first()
        )
        if latest == current and not force:
            continue
        texts, labels = training_data(target)
        pipeline = train(texts, labels)
        if pipeline is None:
            continue
        buffer = io.BytesIO()
        joblib.dump(pipeline, buffer, compress=3)
        SuggestionModel.objects.create(
            target=target, fingerprint=current, records=len(texts), artefact=buffer.getvalue()
        )
        # Keep the two newest artefacts of each target (the one in use and its predecessor).
        keep = SuggestionModel.objects.filter(target=target).order_by("-trained_at", "-pk")[:2]
        SuggestionModel.objects.filter(target=target).exclude(
            pk__in=list(keep.values_list("pk", flat=True))
        ).delete()
        trained.append(target)
    return trained


_cache: dict[str, tuple[tuple, Pipeline]] = {}
_lock = threading.Lock()


def _model(target: str) -> Pipeline | None:
    """The newest stored model of `target`, unpickled once per process and kept."""
    # The identity of an artefact: its id, fingerprint and training time (ids alone may be
    # reused, e.g. after a rolled-back transaction on SQLite).
    latest = (
        SuggestionModel.objects.filter(target=target)
        .order_by("-trained_at", "-pk")
        .values_list("pk", "fingerprint", "trained_at")
        .first()
    )
    if latest is None:
        return None
    cached = _cache.get(target)
    if cached and cached[0] == latest:
        return cached[1]
    with _lock:
        artefact = SuggestionModel.objects.filter(pk=latest[0]).values_list("artefact", flat=True)
        blob = artefact.first()
        if blob is None:
            return None
        pipeline = joblib.load(io.BytesIO(bytes(blob)))
        _cache[target] = (latest, pipeline)
        return pipeline


def rank(pipeline: Pipeline, text: str, top: int = TOP) -> list[tuple[int, float, tuple[str, ...]]]:
    """(label, probability, weighing words) of the `top` most likely labels for `text`.

    A word's weight for a label is the sum, over the word's n-grams present in the text, of
    tf-idf × the label's coefficient: what that word contributed to the decision.
    """
    vectorizer: TfidfVectorizer = pipeline.named_steps["tfidf"]
    model: SGDClassifier = pipeline.named_steps["model"]
    x = vectorizer.transform([text])
    probabilities = model.predict_proba(x)[0]
    order = np.argsort(probabilities)[::-1][:top]
    weight_of = dict(zip(x.indices.tolist(), x.data.tolist(), strict=True))
    analyse = vectorizer.build_analyzer()
    vocabulary = vectorizer.vocabulary_
    words = []
    for word in dict.fromkeys(text.split()):
        if len(word) < 3 or word in STOP_WORDS:
            continue
        features = [vocabulary[g] for g in set(analyse(word)) if g in vocabulary]
        if features:
            words.append((word, features, np.array([weight_of.get(f, 0.0) for f in features])))
    binary = model.coef_.shape[0] == 1
    result = []
    for index in order:
        row, sign = (0, 1.0 if index == 1 else -1.0) if binary else (index, 1.0)
        scored = sorted(
            (
                (sign * float(np.dot(weights, model.coef_[row, features])), word)
                for word, features, weights in words
            ),
            reverse=True,
        )
        reasons = tuple(word for score, word in scored[:3] if score > 0)
        result.append((int(model.classes_[index]), float(probabilities[index]), reasons))
    return result


def suggest(title: str, summary: str = "", target: str = "category") -> list[Suggestion]:
    """Top 3 suggestions for a new record, or [] while no model has been trained."""
    text = record_text(title, summary)
    if len(text) < 6:
        return []
    pipeline = _model(target)
    if pipeline is None:
        return []
    ranked = [r for r in rank(pipeline, text) if r[1] >= MIN_CONFIDENCE]
    model = Category if target == "category" else Organisation
    names = dict(model.objects.filter(pk__in=[r[0] for r in ranked]).values_list("pk", "name"))
    spelled = original_words(f"{title} {summary[:600]}")
    return [
        Suggestion(pk, names[pk], round(p, 3), tuple(spelled.get(w, w) for w in words))
        for pk, p, words in ranked
        if pk in names
    ]
