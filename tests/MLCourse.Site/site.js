// Typesets the notebooks' LaTeX once KaTeX has loaded: Markdig marks inline math as \( … \)
// and display math as \[ … \]. A formula KaTeX cannot parse is reported as a console error,
// which the browser check treats as a failure.
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
});
