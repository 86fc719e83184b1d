// GraphiQL's options (cms/templates/cms/graphiql.html): graphene-django's page sets
// window.GRAPHENE_SETTINGS in an inline script, which the Content-Security-Policy
// forbids; here they come from this script element's data attributes.
(function (script) {
  var data = script.dataset;
  window.GRAPHENE_SETTINGS = {
    subscriptionPath: data.subscriptionPath || undefined,
    graphiqlHeaderEditorEnabled: data.headerEditorEnabled === "true",
    graphiqlShouldPersistHeaders: data.shouldPersistHeaders === "true",
    graphiqlInputValueDeprecation: data.inputValueDeprecation === "true",
  };
})(document.currentScript);
