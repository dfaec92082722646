// Plotly.NET.Interactive's chart output asks require.js for "plotly" (from a CDN) and loads
// require.js itself (from another CDN) when the page has none. The offline site answers that
// request with the plotly.js bundled beside this file, so no chart ever reaches the network.
(function () {
  function requirejs(dependencies, callback) {
    callback(window.Plotly);
  }
  requirejs.config = function () {
    return requirejs;
  };
  window.requirejs = requirejs;
  window.require = requirejs;
})();
