// day-03-data-gathering.ipynb as a .NET 10 file-based app. Generated — do not edit; change the notebook
// and run `dotnet run --project tests/MLCourse.CourseRunner -- --write-apps`.
// Run it from the repository root: dotnet run notebooks/apps/day-03-data-gathering.cs
// Values print as text; charts are written as HTML files under artifacts/apps/.
#:project ../../lib/MLCourse.Notebooks/MLCourse.Notebooks.csproj

using System.IO;
using MathNet.Numerics.LinearAlgebra;
using TorchSharp;
using static TorchSharp.torch;
using MLCourse.Convolution;
using MLCourse.Data;
using MLCourse.Data.Gathering;
using MLCourse.Data.Tables;
using MLCourse.Decomposition;
using MLCourse.ModelSelection;
using MLCourse.Errors;
using MLCourse.Diffusion;
using MLCourse.Evaluation;
using MLCourse.Functional;
using MLCourse.Generative;
using MLCourse.Linear;
using MLCourse.Pipelines;
using MLCourse.Preprocessing;
using MLCourse.Reproducibility;
using MLCourse.Sequence;
using MLCourse.Attention;
using MLCourse.Tensors;
using MLCourse.Text;
using MLCourse.Training;
using MLCourse.Trees;
using MLCourse.Notebooks;
using System.Net.Http;
using System.Threading;
using static MLCourse.Notebooks.Display;

// # Day 3 — Data gathering
//
// Every model in this course is only as good as the table it is fitted on, and the table is only as
// good as the way it was read. Most of a practitioner's first hours with a new data set go here:
// finding the source, reading it with the right types, noticing what is missing, and checking that
// the numbers mean what you think. Errors made at this stage are the worst kind, because nothing
// downstream fails — a date read as text, a missing value read as 0, a comma inside a quoted field
// that shifts every later column all give a model that trains happily on the wrong data.
//
// > Data comes as **CSV**, **JSON / SQL**, from an **API**, or by **web scraping**. `read_csv`'s
// > `dtype` parameter overrides the types in the file (float → int, object = string).
// > **Dates** are strings by default and should be converted to a date type.
// > — the course notes, "Data Gathering"
//
// This notebook reads real data from each kind of source into the course's `Table` — a small data
// frame with named, typed columns (Number, Integer, Text, Category, Date, DateTime) whose missing
// values stay missing — and at each source shows the mistake that source invites. Nothing is
// downloaded at run time: every source is a file in `datasets/`, which is what makes the course
// reproducible, and is good practice for your own projects too (save the raw response, then parse it).
//
// | pandas | MLCourse |
// |---|---|
// | `pd.read_csv(path, dtype=…, parse_dates=…)` | `CsvTable.Read(path, dtypes)` |
// | `pd.read_json(path)` | `JsonTable.Read(path, recordsProperty)` |
// | `df.to_sql(…)`, `pd.read_sql(query, con)` | `SqliteTables.Write(…)`, `SqliteTables.Query(…)` |
// | `pd.read_html(path)` | `HtmlTables.Read(path)` |
//
// The course's `Table` exists so that the notebooks need no Python; in your own .NET projects the same
// jobs are done by CsvHelper, System.Text.Json, Microsoft.Data.Sqlite and AngleSharp (which `Table`
// uses underneath) or by `Microsoft.Data.Analysis.DataFrame`.
//
// Library types used here: `Table`, `TableColumn`, `ColumnKind`, `CsvTable`, `JsonTable`,
// `SqliteTables`, `HtmlTables`, `DatasetDirectory`; notebook helpers `Charts`, `Claims`, `Exercise`.

Course.Load();

var random = Seeds.Set(Seeds.Default);
Exercise.ForDay(3);   // this day's exercise hints, kept off the page until you try

// ## CSV: types, dates and missing values
//
// A CSV file is text: one record per line, fields separated by commas, and nothing that says what type
// a field has. A reader must **infer** the types by looking at the values. Read without hints, the
// Seattle weather file's numbers become numbers — and its date column stays text, exactly as in pandas,
// because `2012-01-01` is not a number.

string weatherCsv = DatasetDirectory.PathOf("seattle-weather.csv");
var raw = CsvTable.Read(weatherCsv);
foreach (var column in raw.Columns) Console.WriteLine($"{column.Name,-14} {column.Kind}");
Display.Show(raw);

// `date` is `Text` and `weather` is `Text`. Text dates cannot be compared as time (is `2012-10-01`
// before `2012-9-30`?), cannot be grouped by month without string surgery, and cannot give a
// difference in days. `dtypes` is pandas' `dtype` and `parse_dates`: here the date column becomes
// `Date` and the weather column a `Category`, whose set of values is learned from the data.

var weather = CsvTable.Read(weatherCsv, new Dictionary<string, ColumnKind>
{
    ["date"] = ColumnKind.Date,
    ["weather"] = ColumnKind.Category,
});
Console.WriteLine($"first date {weather.Dates("date")[0]:yyyy-MM-dd}, categories: "
    + string.Join(", ", weather["weather"].Categories));

// With real dates we can group by month — four years give 48 months:

var dates = weather.Dates("date");
var maxTemp = weather.Numbers("temp_max");
var months = Enumerable.Range(0, weather.RowCount)
    .GroupBy(i => new DateOnly(dates[i]!.Value.Year, dates[i]!.Value.Month, 1))
    .OrderBy(g => g.Key).ToList();
var monthlyMax = months.Select(g => g.Average(i => maxTemp[i]!.Value)).ToArray();
var monthLabels = months.Select(g => g.Key.ToString("yyyy-MM")).ToArray();
Claims.Check(months.Count == 48, "four years give 48 months");
Display.Show(Charts.Bars("Seattle: mean daily maximum temperature per month, 2012–2015", "month", "°C",
    monthLabels, monthlyMax));

// Four summers peak at 26–28 °C in July or August and four winters bottom out at 6–8 °C: the
// seasonal cycle behind day 1's drift. (What this chart shows is the inputs shifting with the
// seasons; the change day 1's model cannot follow, a wider daily range in summer, is a change in the
// relation between inputs and target.) A chart like this is also a first **sanity
// check** of a new data set — a month with a missing bar, a spike of 60 °C or a flat line would show a
// reading problem before any model is fitted.
//
// A `dtype` that does not fit is an error that says where. Asked to read precipitation as whole
// numbers, pandas' `read_csv(dtype=int)` raises an error rather than round the decimals, and so does
// `CsvTable` — at the first value written with a decimal point:

try
{
    CsvTable.Read(weatherCsv,
        new Dictionary<string, ColumnKind> { ["precipitation"] = ColumnKind.Integer });
    throw new ClaimFailedException("reading precipitation as Integer should have failed");
}
catch (FormatException e)
{
    Console.WriteLine(e.Message.Replace(weatherCsv, "seattle-weather.csv"));
}

// The message names the file, the line, the column, what was expected and what was found. The
// alternative — rounding 0.3 mm of rain to 0 without a word — is how a data set quietly loses
// information. The same policy holds for the shape of the file: a malformed row is never dropped
// silently; it stops the read and names the file and line.

string broken = Path.Combine(Path.GetTempPath(), "mlcourse-day03-broken.csv");
File.WriteAllLines(broken, File.ReadLines(weatherCsv).Take(4).Append("2012-01-04,1.2,7.8")
    .Concat(File.ReadLines(weatherCsv).Skip(4).Take(3)));
try
{
    CsvTable.Read(broken);
    throw new ClaimFailedException("the malformed row should have been reported");
}
catch (FormatException e)
{
    Console.WriteLine(e.Message.Replace(broken, "broken.csv"));
}
finally
{
    File.Delete(broken);
}

// ### Why not `line.Split(',')`?
//
// It is tempting to read CSV with `File.ReadLines(path).Select(l => l.Split(','))`. The format has a
// rule that breaks this: a field that contains a comma (or a quote, or a line break) is wrapped in
// double quotes, and a quote inside such a field is written twice (`""`), as RFC 4180 says. The
// sentiment data Part II uses — 3,000 real product, film and restaurant review sentences — is full of
// commas:

string[] sentimentLines;
using (var gz = new System.IO.Compression.GZipStream(
    File.OpenRead(DatasetDirectory.PathOf("sentiment-sentences.csv.gz")),
    System.IO.Compression.CompressionMode.Decompress))
using (var reader = new StreamReader(gz))
    sentimentLines = reader.ReadToEnd().Split('\n', StringSplitOptions.RemoveEmptyEntries)[1..];
var naive = sentimentLines.Select(l => l.Split(',')).ToArray();
int wrong = naive.Count(fields => fields.Length != 3);
Console.WriteLine($"{sentimentLines.Length} records; "
    + $"Split(',') gives the wrong number of fields for {wrong}");
Console.WriteLine(sentimentLines.First(l => l.Split(',').Length != 3));
Console.WriteLine(
    $"{Datasets.SentimentSentences().Count} sentences read by the library's CSV parser");

// Almost a third of the records (913 of 3,000) have a comma in their text, so a naive split would
// have cut 913 sentences into pieces — and code that takes "the last field" as the text would silently
// keep only the last clause of each. A real CSV parser (CsvHelper here) reads all 3,000. Exercise 1 asks you to write the
// quote-aware splitter yourself.
//
// ### Numbers as text: the culture trap
//
// A C# program that reads `12.8` with `double.Parse("12.8")` uses the *current culture* of the machine
// it runs on. In Germany, France and much of the world the decimal separator is a comma and the dot
// groups thousands, so the same line of code reads the same file differently:

var german = new System.Globalization.CultureInfo("de-DE");   // ',' decimal, '.' thousands
var invariant = System.Globalization.CultureInfo.InvariantCulture;
Console.WriteLine($"\"12.8\" read with de-DE: {double.Parse("12.8", german)}; "
    + $"with the invariant culture: {double.Parse("12.8", invariant)}");
var before = System.Globalization.CultureInfo.CurrentCulture;
System.Globalization.CultureInfo.CurrentCulture = german;        // a German learner's machine
try
{
    var readInGermany = CsvTable.Read(weatherCsv);
    Claims.Check(readInGermany.Numbers("temp_max")[0] == 12.8,
        "CsvTable reads 12.8 as 12.8 whatever the machine's culture");
}
finally
{
    System.Globalization.CultureInfo.CurrentCulture = before;
}

// With the German culture `double.Parse` reads the first day's maximum as 128 °C — no error, just a
// wrong number ten times too large. Data files written by programs use the dot, so parse them with
// `CultureInfo.InvariantCulture` (day 1's streaming cell does), and format numbers you write to files
// the same way; keep the user's culture for what people read on screen. The library's readers do this
// for you, as the check shows by reading the file on a "German" machine.
//
// ### Text as bytes: encodings
//
// A file holds bytes, not characters; the **encoding** maps between them. UTF-8, the web's and .NET's
// default, writes `é` or `°` as two bytes. A reader that assumes a one-byte encoding such as Latin-1
// (ISO 8859-1) turns each of them into two wrong characters — *mojibake* — again without an error:

string text = "Citroën, 12.8 °C, café";
byte[] utf8 = System.Text.Encoding.UTF8.GetBytes(text);
Console.WriteLine($"{text.Length} characters, {utf8.Length} bytes in UTF-8");
Console.WriteLine($"read as UTF-8:   {System.Text.Encoding.UTF8.GetString(utf8)}");
Console.WriteLine($"read as Latin-1: {System.Text.Encoding.Latin1.GetString(utf8)}");

// Three characters outside ASCII (ë, °, é) make three extra bytes, and the Latin-1 reading shows
// each as a pair of odd characters. Name the encoding when you read a file whose origin you do not
// know (`File.ReadAllText(path, Encoding.Latin1)`), and write UTF-8.
//
// ## JSON records and missing values
//
// JSON carries some types (numbers, strings, `true`/`false`, `null`) and nests records, so it is the
// usual format of web APIs. `cars.json` is an array of 406 records; JSON `null` stays **missing**:

var cars = JsonTable.Read(DatasetDirectory.PathOf("cars.json"),
    dtypes: new Dictionary<string, ColumnKind>
{
    ["Origin"] = ColumnKind.Category,
    ["Year"] = ColumnKind.Date,
});
foreach (var column in cars.Columns.Where(c => c.MissingCount > 0))
    Console.WriteLine($"{column.Name}: {column.MissingCount} of {cars.RowCount} missing");
var origins = cars["Origin"].Categories;
int usa = cars.Texts("Origin").Count(x => x == "USA");
Console.WriteLine($"USA: {usa} of {cars.RowCount} cars, {(double)usa / cars.RowCount:P1}");
Display.Show(Charts.Bars("Cars per region of origin", "origin", "cars", origins,
    origins.Select(o => (double)cars.Texts("Origin").Count(x => x == o)).ToArray()));

// Eight cars have no fuel economy and six no horsepower; the USA built about five of every eight
// cars in the data set, which matters later (a classifier of origin that always says "USA" is right
// 62.6 % of the time). Keeping missing values missing forces a decision: drop those rows, fill them
// (*impute*) with a mean or median, or model the missingness. The decision is yours; what a reader
// must never do is turn `null` into 0. The cost of that mistake here:

var mpg = cars.Numbers("Miles_per_Gallon");
double presentMean = mpg.Where(v => v is not null).Average(v => v!.Value);
double nullAsZeroMean = mpg.Average(v => v ?? 0);
Console.WriteLine(
    $"mean MPG over the {mpg.Count(v => v is not null)} cars that have one: {presentMean:F2}");
Console.WriteLine($"mean MPG with the 8 missing values read as 0:     {nullAsZeroMean:F2}, "
    + $"{presentMean - nullAsZeroMean:F2} lower");

// The error looks small — 0.46 MPG — but it is systematic, it grows with the share of missing values,
// and a model fitted on those rows learns that some ordinary cars do 0 miles per gallon.
//
// ### JSON into typed records
//
// A `Table` is a general container. When you know the records' shape, C#'s own way is a **record
// type** and `System.Text.Json`: each JSON property fills the parameter of the same name, and the
// type says what may be missing — `double?` may be `null`, `double` may not:

string carsJson = File.ReadAllText(DatasetDirectory.PathOf("cars.json"));
var typedCars = System.Text.Json.JsonSerializer.Deserialize<List<Car>>(carsJson)!;
Console.WriteLine($"{typedCars.Count} cars; first: {typedCars[0]}");
Claims.Check(typedCars.Count(c => c.Horsepower is null) == cars["Horsepower"].MissingCount
    && typedCars.Count(c => c.Miles_per_Gallon is null) == cars["Miles_per_Gallon"].MissingCount,
    "the typed records and the Table agree on which values are missing");
try
{
    System.Text.Json.JsonSerializer.Deserialize<List<StrictCar>>(carsJson);
    Console.WriteLine("StrictCar: no error");
}
catch (System.Text.Json.JsonException e)
{
    Console.WriteLine($"StrictCar: refused at {e.Path}, line {e.LineNumber}");
}

// The nullable record reads all 406 cars and finds the same missing values as the `Table`. The strict
// one refuses the file at the first `null` horsepower and names the JSON path — the same policy as
// the CSV reader: a missing value is never silently turned into 0. Records give you the compiler's
// help (a typo in a property name is a build error, not a `KeyError` at run time); a `Table` suits
// data whose columns you discover as you go.
//
// ## An API response
//
// A web API answers an HTTP request with a status code and, usually, JSON whose records sit under a
// property. The C# client is `HttpClient`: send the request, check the status, read the body, parse
// it. The course must run offline, so the cell below gives `HttpClient` a **stand-in handler** that
// answers from a saved response — the vega-datasets catalogue (a Frictionless Data Package listing
// 73 files). Remove the handler and point the client at a real URL, and the rest of the code is
// unchanged.

string saved = DatasetDirectory.PathOf("vega-datasets-datapackage.json");
var http = new HttpClient(new SavedResponses(saved))
{
    BaseAddress = new Uri("https://example.org/"),
};
var response = await http.GetAsync("datapackage.json");
Console.WriteLine(
    $"{(int)response.StatusCode} {response.StatusCode}, {response.Content.Headers.ContentType}");
// throws on 4xx/5xx instead of parsing an error page
response.EnsureSuccessStatusCode();
string body = await response.Content.ReadAsStringAsync();
string received = Path.Combine(Path.GetTempPath(), "mlcourse-day03-datapackage.json");
// keep the raw response: parse from the saved copy
File.WriteAllText(received, body);
var resources = JsonTable.Read(received, recordsProperty: "resources");
var missing = await http.GetAsync("no-such-file.json");
Console.WriteLine($"a wrong path: {(int)missing.StatusCode} {missing.StatusCode}");
http.Dispose();                                           // also disposes the handler

var formats = resources.Texts("format").GroupBy(f => f).OrderByDescending(g => g.Count()).ToList();
foreach (var g in formats) Console.WriteLine($"{g.Key,-10} {g.Count(),3} files");
var bytes = resources.Numbers("bytes");
int largest = Array.IndexOf(bytes, bytes.Max());
Console.WriteLine($"largest: {resources.Texts("path")[largest]} ({bytes[largest]:N0} bytes)");

// JSON is the most common format in this catalogue (39 of 73 files), and the largest file is a
// 13 MB Parquet file of three million flights. The list also shows a defect of the catalogue itself:
// one format is written `.arrow`, with a dot, unlike every other entry — a count by text would keep
// `arrow` and `.arrow` apart. Even metadata needs a sanity check — a reminder that the right reader depends on the
// format, and that a "data set" may be too big to hold in memory at once (day 1's online learning
// is one answer). Three habits make API data reproducible: check the status before parsing
// (`EnsureSuccessStatusCode`; a 404 page parsed as JSON gives a confusing error far away), save the
// raw response with the date you fetched it, and respect the API's rate limits and terms.
//
// ## SQL
//
// Databases hold most of the world's tabular data. `SqliteTables.Write` stores the weather table in a
// SQLite database file (built here, in the temporary folder); `SqliteTables.Query` runs SQL and returns
// a table. The query counts days and averages the maximum temperature per kind of weather:

string database = Path.Combine(Path.GetTempPath(), "mlcourse-weather.db");
SqliteTables.Write(weather, database, "weather");
var byWeather = SqliteTables.Query(database,
    "SELECT weather, COUNT(*) AS days, ROUND(AVG(temp_max), 2) AS mean_max "
    + "FROM weather GROUP BY weather ORDER BY days DESC");
Display.Show(byWeather);

// Rain and sun account for most days; sunny days average about 6 °C warmer than rainy ones, and snow
// days are the coldest — what a Seattle resident would expect, which is itself a check. A second,
// independent check that could fail: the same means computed in C# must agree with SQL's.

var kinds = weather.Texts("weather");
foreach (var (kind, i) in byWeather.Texts("weather").Select((k, i) => (k, i)))
{
    double linq = Math.Round(Enumerable.Range(0, weather.RowCount).Where(r => kinds[r] == kind)
        .Average(r => maxTemp[r]!.Value), 2);
    Claims.Close(byWeather.Numbers("mean_max")[i]!.Value, linq, 1e-9,
        $"SQL and C# agree on '{kind}' days");
}
var recent = SqliteTables.Query(database,
    "SELECT COUNT(*) AS n FROM weather WHERE date >= '2015-01-01'");
Console.WriteLine($"days from 2015-01-01 on: {recent.Numbers("n")[0]}");

var rainWithoutRain = SqliteTables.Query(database,
    "SELECT COUNT(*) AS n FROM weather WHERE weather = 'rain' AND precipitation = 0");
Console.WriteLine($"'rain' days with 0 mm of precipitation: {rainWithoutRain.Numbers("n")[0]}");
Display.Show(SqliteTables.Query(database, "SELECT substr(date, 1, 4) AS year, SUM(weather = 'fog') AS fog, "
    + "SUM(weather = 'sun') AS sun, SUM(weather = 'drizzle') AS drizzle, "
    + "SUM(weather = 'rain') AS rain "
    + "FROM weather GROUP BY year ORDER BY year"));

// This file also fails a sanity check of its own. The `weather` label should agree with the measured
// precipitation beside it, yet 44 days are labelled rain with 0 mm. And the labels drift from year
// to year far faster than a climate can: fog goes from 5 days in 2012 to 52 in 2015, drizzle from 31
// days to none at all in 2014. That is more likely a change in how the days were labelled than in
// Seattle's weather. The measured columns are what day 1 learns from; a model trained to *predict*
// this label would learn the labelling's quirks. Check a label against the measurements it should
// agree with before you make it a target.

// SQLite has no date type; the library stores dates as ISO 8601 text (`2015-01-01`). Comparing
// them as text works only because ISO dates put the year first and pad every part with zeros, so
// alphabetical order *is* time order — the query finds the 365 days of 2015. Exercise 3 asks what
// happens with another format.
//
// ## Web scraping
//
// When there is no file and no API, the data may still be on a web page. Scraping parses the page's
// HTML and pulls out its tables. `datasets/r-datasets-index.html` is a saved copy of the index of R's
// built-in data sets; `HtmlTables.Read` parses it with AngleSharp and returns every `<table>`. The
// page splits its list into one table per letter, so we concatenate them.

var pageTables = HtmlTables.Read(DatasetDirectory.PathOf("r-datasets-index.html"));
var rIndex = Table.Concat(pageTables);
Console.WriteLine($"{pageTables.Count} tables on the page, {rIndex.RowCount} entries");
var names = rIndex.Texts("0");
Console.WriteLine($"mtcars: {rIndex.Texts("1")[Array.IndexOf(names, "mtcars")]}");
Display.Show(rIndex);

// 109 entries from 22 tables, and `mtcars` is described as "Motor Trend Car Road Tests", as it should
// be. The columns have no names (`0`, `1`) because the page's tables have no header row: scraped data
// needs more checking than a file meant for machines. Scraping is also the most fragile source — a
// page redesign breaks the parser — and is subject to the site's terms and `robots.txt`; prefer an
// API or a download when there is one.
//
// ## Summary
//
// * Every source ends as the same typed `Table`: CSV (CsvHelper), JSON and API payloads
//   (System.Text.Json, `HttpClient`), SQL (SQLite) and saved web pages (AngleSharp).
// * Types are inferred from text and can be overridden (`dtypes`); dates stay text until you ask for
//   `Date`, and text dates compare correctly only in ISO order.
// * Quoted fields make `Split(',')` wrong; use a CSV parser. Parse numbers in files with the
//   invariant culture, never the machine's.
// * A record type with nullable properties reads JSON with the compiler's help, and refuses a
//   `null` where the type promised a value.
// * Sanity-check labels against the measurements beside them: this weather file's do not agree.
// * Missing values stay missing, and a malformed row is an error with its line — never dropped,
//   never read as 0.
// * Save raw responses; check the status before parsing.
//
// ## Exercises
//
// ### Exercise 1 — a CSV line splitter
//
// Write `SplitCsvLine(line)` for one line of RFC 4180 CSV: fields are separated by commas; a field
// may be wrapped in double quotes, and then may contain commas, and a doubled quote `""` inside it
// stands for one `"`. Return the fields without the wrapping quotes. The check compares your fields
// with CsvHelper's on random lines of 2–5 fields with commas and quotes in them.

// Exercise 1: split one CSV line
List<string> SplitCsvLine(string line)
{
    return Exercise.Todo<List<string>>();
}

Exercise.Check("1", () =>
{
    var rng = new Random(3);
    string[] pieces = { "good", "bad, really", "say \"hi\"", "", "x", " spaced ", "a,b,c" };
    for (int trial = 0; trial < 200; trial++)
    {
        var fields = Enumerable.Range(0, rng.Next(2, 6))
            .Select(_ => pieces[rng.Next(pieces.Length)]).ToList();
        string line = string.Join(",", fields.Select(f =>
            f.Contains(',') || f.Contains('"') ? "\"" + f.Replace("\"", "\"\"") + "\"" : f));
        using var parser = new CsvHelper.CsvParser(new StringReader(line),
            new CsvHelper.Configuration.CsvConfiguration(
                System.Globalization.CultureInfo.InvariantCulture));
        parser.Read();
        var reference = parser.Record!;
        var yours = SplitCsvLine(line);
        if (!yours.SequenceEqual(reference))
            return $"for the line {line} you return [{string.Join(" | ", yours)}], "
                + $"CsvHelper reads [{string.Join(" | ", reference)}]";
    }
    return null;
});

// ### Exercise 2 — days per kind of weather in one year
//
// Write `DaysByWeather(table, year)`: for the weather table above, the number of days of each kind of
// weather in the given calendar year, using the table's typed `Dates` and `Texts` columns. The check
// runs the same question as SQL for every year and compares.

// Exercise 2: count days of each kind of weather in a year
Dictionary<string, int> DaysByWeather(Table table, int year)
{
    return Exercise.Todo<Dictionary<string, int>>();
}

Exercise.Check("2", () =>
{
    foreach (int year in new[] { 2012, 2013, 2014, 2015 })
    {
        var sql = SqliteTables.Query(database, "SELECT weather, COUNT(*) AS n FROM weather "
            + $"WHERE date >= '{year}-01-01' AND date <= '{year}-12-31' GROUP BY weather");
        var reference = sql.Texts("weather").Select((k, i) => (k!, (int)sql.Numbers("n")[i]!.Value))
            .ToDictionary(p => p.Item1, p => p.Item2);
        var yours = DaysByWeather(weather, year);
        foreach (var (kind, n) in reference)
            if (!yours.TryGetValue(kind, out int y) || y != n)
                return $"in {year} SQL counts {n} '{kind}' days; you count {y}";
        if (yours.Keys.Except(reference.Keys).FirstOrDefault() is string extra)
            return $"in {year} you count '{extra}' days, which SQL does not find";
    }
    return null;
});

// ### Exercise 3 — predict: dates that are not ISO
//
// Suppose the dates had been stored in SQLite as US-style text, `1/1/2015` for 1 January 2015
// (`M/d/yyyy`). Will `SELECT COUNT(*) … WHERE date >= '1/1/2015'` still count the 365 days of 2015?
// Answer `"yes"` or `"no"`, then run the experiment.

// Exercise 3: your prediction, "yes" or "no"
string? prediction3 = null;

var usDates = new Table(new[]
{
    new TableColumn("date", ColumnKind.Text,
        dates.Select(d => (object?)d!.Value.ToString("M/d/yyyy",
                System.Globalization.CultureInfo.InvariantCulture))
            .ToArray()),
});
SqliteTables.Write(usDates, database, "us_dates");
long usCount = (long)SqliteTables.Query(database,
        "SELECT COUNT(*) AS n FROM us_dates WHERE date >= '1/1/2015'")
    .Numbers("n")[0]!.Value;
Exercise.Predict("3", prediction3, usCount == 365 ? "yes" : "no",
    measured: $"days counted with M/d/yyyy text: {usCount} (ISO text: 365)");

// ### Exercise 4 — predict: missing values read as zeros
//
// The horsepower column has 6 missing values among 406 cars. If a careless reader turned those into
// 0, by how much would the mean horsepower **fall**? Predict the drop in horsepower (to within 0.3),
// from the mean over the cars that have a value, which the cell prints first, and the counts above.

var horsepower = cars.Numbers("Horsepower");
double hpMean = horsepower.Where(v => v is not null).Average(v => v!.Value);
Console.WriteLine($"mean horsepower over the cars that have one: {hpMean:F2}");

// Exercise 4: your prediction of the drop, in horsepower
double? prediction4 = null;

double hpDrop = hpMean - horsepower.Average(v => v ?? 0);
Exercise.Predict("4", prediction4, hpDrop, tolerance: 0.3);

// Types declared in the notebook's cells (C# puts them after the statements).

record Car(string Name, double? Miles_per_Gallon, double? Horsepower, string Origin);

record StrictCar(string Name, double Horsepower);   // horsepower promised, never null

// Answers GET /datapackage.json from the saved file and anything else with 404 Not Found.
sealed class SavedResponses : HttpMessageHandler
{
    private readonly string file;

    public SavedResponses(string file) => this.file = file;

    protected override Task<HttpResponseMessage> SendAsync(HttpRequestMessage request,
        CancellationToken token) =>
        Task.FromResult(request.RequestUri!.AbsolutePath == "/datapackage.json"
            ? new HttpResponseMessage(System.Net.HttpStatusCode.OK)
            {
                Content = new StringContent(File.ReadAllText(file), System.Text.Encoding.UTF8,
                    "application/json"),
            }
            : new HttpResponseMessage(System.Net.HttpStatusCode.NotFound));
}
