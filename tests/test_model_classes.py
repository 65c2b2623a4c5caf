"""Classes made with ``models.model`` behave exactly as ``dataclass(frozen=True,
slots=True)`` classes.

``model`` shares one set of frozen-value methods instead of letting dataclass generate
them at every start; the models write their ``__init__`` out, other classes take their
arguments through a shared one. These tests hold them to dataclass's behaviour and keep
each written ``__init__`` in step with the fields.
"""

from __future__ import annotations

import copy
import dataclasses
import inspect
import pickle

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from filmlog import export, journal, models, store
from tests.test_properties import discs, films, watches, watchlist_items

MODELS = [
    models.CastMember,
    models.FilmIds,
    models.Film,
    models.Watch,
    models.Scores,
    models.Purchase,
    models.Disc,
    models.WatchlistItem,
]


def field_default(f: dataclasses.Field) -> object:
    if f.default_factory is not dataclasses.MISSING:
        return f.default_factory()
    return inspect.Parameter.empty if f.default is dataclasses.MISSING else f.default


@pytest.mark.parametrize("model", MODELS, ids=lambda m: m.__name__)
def test_init_takes_the_fields_in_order_with_their_defaults(model):
    params = list(inspect.signature(model).parameters.values())
    assert [p.name for p in params] == [f.name for f in dataclasses.fields(model)]
    assert [p.default for p in params] == [field_default(f) for f in dataclasses.fields(model)]
    assert all(p.kind is inspect.Parameter.POSITIONAL_OR_KEYWORD for p in params)


def made_by_dataclass(model: type) -> type:
    """The same class made by dataclass itself."""
    specs = [(f.name, f.type, f) for f in dataclasses.fields(model)]
    return dataclasses.make_dataclass(model.__name__, specs, frozen=True, slots=True)


REFERENCE = {model: made_by_dataclass(model) for model in MODELS}


def reference(model: type) -> type:
    return REFERENCE[model]


def values(obj: object) -> dict[str, object]:
    return {f.name: getattr(obj, f.name) for f in dataclasses.fields(obj)}  # type: ignore[arg-type]


ANY_MODEL = st.one_of(
    films,
    watches,
    discs,
    watchlist_items,
    films.map(lambda f: f.ids),
    discs.map(lambda d: d.scores),
    discs.map(lambda d: d.purchased),
    st.builds(models.CastMember, st.text(min_size=1), st.text()),
)


@settings(max_examples=200, deadline=None)
@given(ANY_MODEL, ANY_MODEL)
def test_equality_hash_and_repr_are_the_dataclass_ones(one, other):
    ref_one = reference(type(one))(**values(one))
    ref_other = reference(type(other))(**values(other))
    assert repr(one) == repr(ref_one)
    assert hash(one) == hash(ref_one)
    same_class = type(one) is type(other)
    equal = one == other
    assert equal == (same_class and ref_one == reference(type(one))(**values(other)))
    assert (one != other) is not equal
    assert one == type(one)(**values(one))
    assert (one == ref_other) is False  # another class is never equal, as with dataclass


@settings(max_examples=50, deadline=None)
@given(ANY_MODEL)
def test_models_are_frozen_and_copy_and_pickle(model):
    name = dataclasses.fields(model)[0].name
    with pytest.raises(dataclasses.FrozenInstanceError):
        setattr(model, name, None)
    with pytest.raises(dataclasses.FrozenInstanceError):
        delattr(model, name)
    with pytest.raises((AttributeError, TypeError)):
        model.not_a_field = 1  # slots: no other attribute either
    assert copy.copy(model) == model
    assert copy.deepcopy(model) == model
    assert pickle.loads(pickle.dumps(model)) == model
    first = dataclasses.fields(model)[0]
    assert dataclasses.replace(model, **{first.name: getattr(model, first.name)}) == model


# --------------------------------------------------------------------------- other classes

# Classes made with @model that take their arguments through the shared __init__.
BOUND_INIT = [
    journal.Candidate,
    journal.WatchDetails,
    journal.Summary,
    journal.FilmPage,
    journal.DiaryFilter,
    store.Backup,
    export.Format,
]


def calls(model: type) -> list[tuple[tuple[object, ...], dict[str, object]]]:
    """Ways to call a class: right ones and wrong ones, with stand-in values."""
    specs = dataclasses.fields(model)
    required = [f.name for f in specs if field_default(f) is inspect.Parameter.empty]
    every = [f.name for f in specs]
    value = {name: f"<{name}>" for name in every}
    return [
        (tuple(value[n] for n in required), {}),
        ((), {n: value[n] for n in required}),
        ((), {n: value[n] for n in every}),
        (tuple(value[n] for n in every), {}),
        (tuple(value[n] for n in every[:1]), {n: value[n] for n in every[1:]}),
        ((*(value[n] for n in every), "extra"), {}),
        (tuple(value[n] for n in every[:1]), {every[0]: "again"}),
        ((), {**{n: value[n] for n in required}, "nonsense": 1}),
        ((), {n: value[n] for n in required[1:]}),
    ]


@pytest.mark.parametrize("model", BOUND_INIT, ids=lambda m: m.__qualname__)
def test_the_shared_init_takes_arguments_as_a_dataclass_does(model):
    assert model.__init__ is not object.__init__
    ref = made_by_dataclass(model)
    for args, kwargs in calls(model):
        try:
            expected = ref(*args, **kwargs)
        except TypeError:
            with pytest.raises(TypeError):
                model(*args, **kwargs)
            continue
        made = model(*args, **kwargs)
        assert values(made) == values(expected)
        assert repr(made) == repr(expected)
        with pytest.raises(dataclasses.FrozenInstanceError):
            setattr(made, dataclasses.fields(model)[0].name, None)


def test_a_default_factory_gives_each_object_its_own_value():
    page = {"film": None, "watches": [], "discs": [], "summary": None, "see_also": []}
    one = journal.FilmPage(**page, on_watchlist=False)
    two = journal.FilmPage(**page, on_watchlist=False)
    assert one.disc_films == {} and one.disc_films is not two.disc_films
