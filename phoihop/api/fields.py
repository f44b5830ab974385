"""Fields every domain's shapes use: references, named enums, and ids resolved within the actor's
reach. Each domain's `serializers.py` builds on these."""

from __future__ import annotations

from drf_spectacular.extensions import OpenApiSerializerFieldExtension
from drf_spectacular.plumbing import ResolvedComponent
from rest_framework import serializers

from phoihop.core.actor import Actor
from phoihop.organisations.models import Organisation


def actor_of(field: serializers.Field) -> Actor:
    """The actor of the request the field's serializer validates (`parse_body` passes it)."""
    return field.context["request"].actor


class RefSerializer(serializers.Serializer):
    """A reference to another object: its id and name."""

    id = serializers.IntegerField()
    name = serializers.CharField()


class EnumField(serializers.ChoiceField):
    """A choice field documented as one named enum component, e.g. `ProgrammeStateEnum`.

    Programmes and tasks both have a `state`, programmes and outputs a `kind`, each with its own
    choices: naming every set here keeps the schema free of enum-name collisions.
    """

    def __init__(self, choices, *, enum_name: str, **kwargs):
        self.enum_name = enum_name
        super().__init__(choices=choices, **kwargs)


class EnumFieldExtension(OpenApiSerializerFieldExtension):
    target_class = EnumField
    match_subclasses = True

    def map_serializer_field(self, auto_schema, direction):
        field = self.target
        component = ResolvedComponent(
            name=field.enum_name,
            type=ResolvedComponent.SCHEMA,
            object=field.enum_name,
            schema={
                "type": "string",
                "enum": list(field.choices),
                "description": "\n".join(
                    f"* `{v}` - {label}" for v, label in field.choices.items()
                ),
            },
        )
        auto_schema.registry.register_on_missing(component)
        return component.ref


class VisibleField(serializers.PrimaryKeyRelatedField):
    """An id of an object the actor may see; any other id reads as unknown (no existence leak)."""

    def __init__(self, noun: str, **kwargs):
        super().__init__(**kwargs)
        self.error_messages["does_not_exist"] = (
            f"Không tìm thấy {noun} có mã {{pk_value}} trong phạm vi bạn được xem."
        )
        self.error_messages["incorrect_type"] = f"Mã {noun} phải là số nguyên."

    def get_queryset(self):
        return super().get_queryset().visible_to(actor_of(self))


def visible_organisation(**kwargs) -> VisibleField:
    return VisibleField("cơ quan", queryset=Organisation.objects.all(), **kwargs)


class IdListField(serializers.ListField):
    """A list of ids resolved in one query, in the order sent; unknown ids are a field error."""

    child = serializers.IntegerField(min_value=1)
    noun = ""

    def get_queryset(self):
        raise NotImplementedError

    def to_internal_value(self, data):
        ids = list(dict.fromkeys(super().to_internal_value(data)))
        found = self.get_queryset().in_bulk(ids)
        missing = [str(pk) for pk in ids if pk not in found]
        if missing:
            raise serializers.ValidationError(
                f"Không tìm thấy {self.noun} có mã {', '.join(missing)} trong phạm vi bạn được xem."
            )
        return [found[pk] for pk in ids]


class OrganisationIdsField(IdListField):
    """Ids of bodies the actor may see."""

    noun = "cơ quan"

    def get_queryset(self):
        return Organisation.objects.visible_to(actor_of(self))


class CurrentOrganisationIdsField(IdListField):
    """Ids of bodies that exist today, not only those the actor sees: the service checks each
    against the object (a press conference's co-hosts, the agencies a concern is assigned to)."""

    noun = "cơ quan"

    def get_queryset(self):
        return Organisation.objects.current()
