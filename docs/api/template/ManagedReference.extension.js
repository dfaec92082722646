// The days of the course that use a type, shown under its summary. The course runner writes them
// into an overwrite file per type (artifacts/api/days/<uid>.md) from the days' "Library types used
// here" lines: mlcourseDays, a list of { title, href } (the day pages, two folders up), and
// mlcourseSource, the page with the type's source. The links are made here, in the template, and
// not in the overwrite file's markdown, because docfx checks a markdown link against the files of
// its own build, and the day pages are the course site's, not docfx's.

exports.preTransform = function (model) {
  return model;
};

exports.postTransform = function (model) {
  var days = model.mlcourseDays || [];
  if (days.length === 0) {
    return model;
  }
  var html = '<div class="mlcourse-days"><h5>Used in the course</h5><ul>';
  for (var i = 0; i < days.length; i++) {
    html += '<li><a href="' + escape(days[i].href) + '">' + escape(days[i].title) + '</a></li>';
  }
  html += '</ul>';
  if (model.mlcourseSource) {
    html += '<p><a href="' + escape(model.mlcourseSource) + '">The source</a> of this type, as the site was built.</p>';
  }
  model.conceptual = (model.conceptual || '') + html + '</div>';
  return model;
};

function escape(text) {
  return String(text).replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}
