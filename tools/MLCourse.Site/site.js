// Runs once the page and its deferred scripts have loaded.
// KaTeX typesets the notebooks' LaTeX: Markdig (with DisplayMathParser) marks inline math as
// \( … \) and display math as \[ … \]. A formula KaTeX cannot parse is reported as a console
// error, which the browser check treats as a failure.
// highlight.js colours each code cell by its language-* class (C# for the course's cells).
document.addEventListener("DOMContentLoaded", function () {
  renderMathInElement(document.body, {
    delimiters: [
      { left: "\\[", right: "\\]", display: true },
      { left: "\\(", right: "\\)", display: false },
    ],
    ignoredClasses: ["code", "output"],
    throwOnError: false,
    errorCallback: function (message, error) {
      console.error(message, error);
    },
  });
  document.querySelectorAll("pre.code code[class^='language-']").forEach(function (code) {
    hljs.highlightElement(code);
  });
});
