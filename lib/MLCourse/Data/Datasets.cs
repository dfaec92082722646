using System.Globalization;
using System.Text.Json;
using MathNet.Numerics.LinearAlgebra;
using MLCourse.Errors;

namespace MLCourse.Data;

/// <summary>
/// Loaders for the real data sets committed under <c>datasets/</c> (see <c>datasets/README.md</c>
/// for sources and licences). Nothing is downloaded; every loader reads the local file and
/// returns typed data, keeping missing values as <c>null</c>.
/// </summary>
/// <remarks>Introduced in notebook day 01; each later notebook names the loader it uses.</remarks>
public static partial class Datasets
{
    private const string Component = "Datasets";

    /// <summary>Daily Seattle weather 2012–2015 (1,461 days), in date order.</summary>
    /// <exception cref="FileNotFoundException">The file is missing; the message names every path searched.</exception>
    /// <exception cref="FormatException">A row is malformed; the message names the file and line.</exception>
    public static IReadOnlyList<WeatherDay> SeattleWeather()
    {
        var file = DelimitedFile.Read(DatasetDirectory.PathOf("seattle-weather.csv"), headerLines: 1, fieldCount: 6);
        return file.Rows
            .Select(r => new WeatherDay(r.Date(0), r.Number(1), r.Number(2), r.Number(3), r.Number(4), r.Fields[5]))
            .ToList();
    }

    /// <summary>Fisher's iris: 150 flowers, 4 measurements in cm, 3 species.</summary>
    public static LabelledData Iris() => ReadScikitLearnTable(
        "iris.csv", ["sepal length (cm)", "sepal width (cm)", "petal length (cm)", "petal width (cm)"]);

    /// <summary>The 406 cars of <c>cars.json</c>; missing fuel economy or horsepower stay <c>null</c>.</summary>
    public static IReadOnlyList<Car> Cars() => ReadJsonRecords("cars.json", r => new Car(
        r.Text("Name"), r.OptionalNumber("Miles_per_Gallon"), (int)r.Number("Cylinders"), r.Number("Displacement"),
        r.OptionalNumber("Horsepower"), r.Number("Weight_in_lbs"),
            r.Number("Acceleration"), r.Date("Year"), r.Text("Origin")));

    // scikit-learn's bundled CSVs start with "n_samples,n_features,class names…", then one row per
    // sample with the features and the class index last.
    private static LabelledData ReadScikitLearnTable(string fileName, string[] featureNames)
    {
        string path = DatasetDirectory.PathOf(fileName);
        string[] header = DelimitedFile.FirstLine(path);
        var file = DelimitedFile.Read(path, headerLines: 1, fieldCount: featureNames.Length + 1);
        int declared = int.Parse(header[0], CultureInfo.InvariantCulture);
        if (declared != file.Rows.Count)
        {
            throw ErrorMessage.BadRow(Component, path, 1,
                $"the header declares {declared} samples, but the file has {file.Rows.Count}");
        }
        var features = Matrix<double>.Build.Dense(file.Rows.Count,
            featureNames.Length, (i, j) => file.Rows[i].Number(j));
        int[] labels = file.Rows.Select(r => r.Integer(featureNames.Length)).ToArray();
        return new LabelledData(features, labels, featureNames, header[2..]);
    }

    private static IReadOnlyList<T> ReadJsonRecords<T>(string fileName, Func<JsonRecord, T> create)
    {
        string path = DatasetDirectory.PathOf(fileName);
        using JsonDocument document = JsonDocument.Parse(File.ReadAllBytes(path));
        return document.RootElement.EnumerateArray()
            .Select((element, index) => create(new JsonRecord(element, path, index))).ToList();
    }
}
