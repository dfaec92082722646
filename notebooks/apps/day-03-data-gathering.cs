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
using MLCourse.Errors;
using MLCourse.Diffusion;
using MLCourse.Evaluation;
using MLCourse.Functional;
using MLCourse.Generative;
using MLCourse.Learning;
using MLCourse.Pipelines;
using MLCourse.Preprocessing;
using MLCourse.Reproducibility;
using MLCourse.Sequence;
using MLCourse.Attention;
using MLCourse.Tensors;
using MLCourse.Training;
using MLCourse.Trees;
using MLCourse.Notebooks;
using static MLCourse.Notebooks.Display;

// # Day 3 — Data gathering
//
// > Data comes as **CSV**, **JSON / SQL**, from an **API**, or by **web scraping**. `read_csv`'s
// > `dtype` parameter overrides the types in the file (float → int, object = string).
// > **Dates** are strings by default and should be converted to a date type.
// > — the course notes, "Data Gathering"
//
// This notebook gathers real data from each kind of source into the course's `Table` — a small
// data frame with named, typed columns (Number, Integer, Text, Category, Date, DateTime) whose
// missing values stay missing. Nothing is downloaded: every source is a file in `datasets/`.
//
// | pandas | MLCourse |
// |---|---|
// | `pd.read_csv(path, dtype=…, parse_dates=…)` | `CsvTable.Read(path, dtypes)` |
// | `pd.read_json(path)` | `JsonTable.Read(path, recordsProperty)` |
// | `df.to_sql(…)`, `pd.read_sql(query, con)` | `SqliteTables.Write(…)`, `SqliteTables.Query(…)` |
// | `pd.read_html(path)` | `HtmlTables.Read(path)` |
//
// Library types used here: `Table`, `TableColumn`, `ColumnKind`, `CsvTable`, `JsonTable`,
// `SqliteTables`, `HtmlTables`, `DatasetDirectory`; notebook helpers `Charts`, `Claims`.

Course.Load();

var random = Seeds.Set(Seeds.Default);

// ## CSV: types, dates and missing values
//
// Read without hints, numbers are inferred — and the date column stays text, exactly as in pandas.

string weatherCsv = DatasetDirectory.PathOf("seattle-weather.csv");
var raw = CsvTable.Read(weatherCsv);
Claims.Check(raw["date"].Kind == ColumnKind.Text, "by default the dates are read as text");
Claims.Check(raw["precipitation"].Kind == ColumnKind.Number, "decimal columns are read as numbers");
Show(raw);

// `dtypes` is pandas' `dtype` (and `parse_dates`): here the date column becomes `Date` and the
// weather column a `Category` with its set of values learned from the data.

var weather = CsvTable.Read(weatherCsv, new Dictionary<string, ColumnKind> { ["date"] = ColumnKind.Date, ["weather"] = ColumnKind.Category });
Claims.Check(weather["date"].Kind == ColumnKind.Date && weather.Dates("date")[0] == new DateOnly(2012, 1, 1), "the date column now holds dates");
Claims.Check(weather["weather"].Categories.SequenceEqual(new[] { "drizzle", "fog", "rain", "snow", "sun" }), "weather is a category with five values");

// With real dates we can group by month — impossible while the dates were strings without parsing them by hand.

var dates = weather.Dates("date");
var maxTemp = weather.Numbers("temp_max");
var months = Enumerable.Range(0, weather.RowCount).GroupBy(i => new DateOnly(dates[i]!.Value.Year, dates[i]!.Value.Month, 1)).OrderBy(g => g.Key).ToList();
var monthlyMax = months.Select(g => g.Average(i => maxTemp[i]!.Value)).ToArray();
Claims.Check(months.Count == 48, "four years give 48 months");
Show(Charts.Lines("Seattle: mean daily maximum temperature per month", "month (0 = January 2012)", "°C", Series.Indexed("temp_max", monthlyMax)));

// A `dtype` that does not fit is an error that says where — pandas refuses to read `0.3` as an
// integer, and so do we:

try
{
    CsvTable.Read(weatherCsv, new Dictionary<string, ColumnKind> { ["precipitation"] = ColumnKind.Integer });
    throw new ClaimFailedException("reading precipitation as Integer should have failed");
}
catch (FormatException e)
{
    Console.WriteLine(e.Message);
    Claims.Check(e.Message.Contains("line ") && e.Message.Contains("'precipitation'"), "the error names the line and the column");
}

// A malformed row is never dropped silently: it stops the read and names the file and line.

string broken = Path.Combine(Path.GetTempPath(), "mlcourse-day03-broken.csv");
File.WriteAllLines(broken, File.ReadLines(weatherCsv).Take(4).Append("2012-01-04,1.2,7.8").Concat(File.ReadLines(weatherCsv).Skip(4).Take(3)));
try
{
    CsvTable.Read(broken);
    throw new ClaimFailedException("the malformed row should have been reported");
}
catch (FormatException e)
{
    Console.WriteLine(e.Message);
    Claims.Check(e.Message.EndsWith("line 5: expected 6 fields, found 3."), "the malformed row is reported with its line number");
}
finally
{
    File.Delete(broken);
}

// ## JSON records
//
// `cars.json` is an array of records. JSON `null` stays missing: eight cars have no fuel economy.

var cars = JsonTable.Read(DatasetDirectory.PathOf("cars.json"), dtypes: new Dictionary<string, ColumnKind> { ["Origin"] = ColumnKind.Category, ["Year"] = ColumnKind.Date });
Claims.Check(cars.RowCount == 406, "406 cars");
Claims.Check(cars["Miles_per_Gallon"].MissingCount == 8 && cars["Horsepower"].MissingCount == 6, "missing values are kept: 8 without MPG, 6 without horsepower");
var origins = cars["Origin"].Categories;
Show(Charts.Bars("Cars per region of origin", "origin", "cars", origins, origins.Select(o => (double)cars.Texts("Origin").Count(x => x == o)).ToArray()));

// ## An API response
//
// APIs answer with JSON whose records usually sit under a property. `datasets/vega-datasets-datapackage.json`
// is the machine-readable catalogue of the vega-datasets collection (a Frictionless Data Package),
// saved so that nothing is fetched at run time; its records are under `resources`.

var resources = JsonTable.Read(DatasetDirectory.PathOf("vega-datasets-datapackage.json"), recordsProperty: "resources");
Claims.Check(resources.RowCount == 73, "the catalogue lists 73 data files");
var formats = resources.Texts("format").GroupBy(f => f).OrderByDescending(g => g.Count()).ToList();
foreach (var g in formats) Console.WriteLine($"{g.Key,-10} {g.Count(),3} files");
var bytes = resources.Numbers("bytes");
int largest = Array.IndexOf(bytes, bytes.Max());
Console.WriteLine($"largest: {resources.Texts("path")[largest]} ({bytes[largest]:N0} bytes)");
Claims.Check(formats[0].Key == "json", "JSON is the most common format in the catalogue");

// ## SQL
//
// `SqliteTables.Write` stores the weather table in a SQLite database file (built here, on first use,
// in the temporary folder); `SqliteTables.Query` runs SQL and returns a table. The SQL answer must
// equal the same computation done in C#.

string database = Path.Combine(Path.GetTempPath(), "mlcourse-weather.db");
SqliteTables.Write(weather, database, "weather");
var byWeather = SqliteTables.Query(database, "SELECT weather, COUNT(*) AS days, ROUND(AVG(temp_max), 2) AS mean_max FROM weather GROUP BY weather ORDER BY days DESC");
Show(byWeather);

var kinds = weather.Texts("weather");
foreach (var (kind, i) in byWeather.Texts("weather").Select((k, i) => (k, i)))
{
    double linq = Math.Round(Enumerable.Range(0, weather.RowCount).Where(r => kinds[r] == kind).Average(r => maxTemp[r]!.Value), 2);
    Claims.Close(byWeather.Numbers("mean_max")[i]!.Value, linq, 1e-9, $"SQL and C# agree on the mean maximum on '{kind}' days");
}
var recent = SqliteTables.Query(database, "SELECT COUNT(*) AS n FROM weather WHERE date >= '2015-01-01'");
Claims.Check(recent.Numbers("n")[0] == 365, "dates stored as ISO text compare correctly in SQL: 365 days in 2015");

// ## Web scraping
//
// `datasets/r-datasets-index.html` is a saved web page — the index of R's built-in data sets.
// `HtmlTables.Read` parses it with AngleSharp and returns every `<table>`; the page splits its list
// into one table per letter, so we concatenate them.

var pageTables = HtmlTables.Read(DatasetDirectory.PathOf("r-datasets-index.html"));
var rIndex = Table.Concat(pageTables);
Claims.Check(pageTables.Count == 22 && rIndex.RowCount == 109, "22 tables on the page hold 109 entries");
var names = rIndex.Texts("0");
Claims.Check(rIndex.Texts("1")[Array.IndexOf(names, "mtcars")] == "Motor Trend Car Road Tests", "the scraped index describes mtcars correctly");
Show(rIndex);

// ## Summary
//
// * Every source ends as the same typed `Table`: CSV (CsvHelper), JSON and API payloads
//   (System.Text.Json), SQL (SQLite) and saved web pages (AngleSharp).
// * Types can be overridden (`dtypes`); dates stay text until you ask for `Date`.
// * Missing values stay missing, and a malformed row is an error with its line — never dropped.
//
// ## Exercises
//
// 1. How many rainy days does the weather table have? Replace `-1` (use SQL or C#).
// 2. How many of the 73 catalogue entries are CSV files? Replace `-1`.
// 3. Which R data set is titled "Edgar Anderson's Iris Data"? Replace `""` (two share that title:
//    either name counts).

// Exercise answers: replace each placeholder with your answer
long answer1 = -1;
long answer2 = -1;
string answer3 = "";

Claims.Exercise("Exercise 1", answer1 == kinds.Count(k => k == "rain"));
Claims.Exercise("Exercise 2", answer2 == resources.Texts("format").Count(f => f == "csv"));
var irisTitled = names.Where((_, i) => rIndex.Texts("1")[i] == "Edgar Anderson's Iris Data");   // iris and iris3
Claims.Exercise("Exercise 3", irisTitled.Contains(answer3));
