using MLCourse.Data;

namespace MLCourse.Tests.Data;

public class DatasetDirectoryTests
{
    [Fact]
    public void A_missing_file_is_an_error_naming_every_path_searched()
    {
        string a = Path.Combine(Path.GetTempPath(), "mlcourse-none-a");
        string b = Path.Combine(Path.GetTempPath(), "mlcourse-none-b");

        var error = Assert.Throws<FileNotFoundException>(() => DatasetDirectory.PathOf("nothing.csv", [a, b]));

        Assert.Equal(
            $"Datasets: nothing.csv was not found. Searched: {Path.Combine(a, "nothing.csv")}, {Path.Combine(b, "nothing.csv")}. " +
            "Run from inside the course repository or set MLCOURSE_DATASETS to its datasets folder.",
            error.Message);
    }

    [Fact]
    public void The_repository_datasets_folder_is_found_from_the_test_output()
    {
        string path = DatasetDirectory.PathOf("iris.csv");

        Assert.True(File.Exists(Path.Combine(Path.GetDirectoryName(path)!, "README.md")));
    }
}
