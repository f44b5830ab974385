def test_dbg(world):
    from phoihop.organisations.models import Organisation
    for o in Organisation.objects.all():
        print(o.path, o.depth, o.numchild, o.name)
    for n in ["province_committee","department","admin"]:
        v=getattr(world,n); print(n, getattr(v,"path",None))
    a=world.actor(world.admin); print(a.scopes)
