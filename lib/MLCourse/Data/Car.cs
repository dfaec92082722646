namespace MLCourse.Data;

/// <summary>One car of <c>cars.json</c> (StatLib's 1983 ASA car data, via vega-datasets).</summary>
/// <param name="Name">Make and model.</param>
/// <param name="MilesPerGallon">Fuel economy; <c>null</c> where the source has none.</param>
/// <param name="Cylinders">Number of cylinders.</param>
/// <param name="Displacement">Engine displacement in cubic inches.</param>
/// <param name="Horsepower">Power; <c>null</c> where the source has none.</param>
/// <param name="WeightInLbs">Weight in pounds.</param>
/// <param name="Acceleration">Seconds from 0 to 60 mph.</param>
/// <param name="Year">Model year (as 1 January of that year).</param>
/// <param name="Origin">Region of origin: USA, Europe or Japan.</param>
/// <remarks>Loaded by <see cref="Datasets.Cars"/>; used from notebook day 03 on.</remarks>
public sealed record Car(
    string Name, double? MilesPerGallon, int Cylinders, double Displacement, double? Horsepower,
    double WeightInLbs, double Acceleration, DateOnly Year, string Origin);
