"""The staff view's own pages: favourites, lists, sending a list to a client, change requests."""

urlpatterns = []
