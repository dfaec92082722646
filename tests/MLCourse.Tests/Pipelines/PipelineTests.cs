using MLCourse.Data;
using MLCourse.Data.Gathering;
using MLCourse.Data.Tables;
using MLCourse.Pipelines;
using MLCourse.Preprocessing;
using MLCourse.Trees;

namespace MLCourse.Tests.Pipelines;

public class PipelineTests
{
    private static readonly Table Train = new([
        new TableColumn("size", ColumnKind.Number, [1.0, 2.0, null, 5.0]),
        new TableColumn("color", ColumnKind.Text, ["red", "blue", "red", null]),
        new TableColumn("id", ColumnKind.Integer, [1L, 2L, 3L, 4L]),
    ]);

    private static ColumnTransformer Preprocessor(Remainder remainder) => new([
        ("num", Pipeline.MakePipeline(new SimpleImputer(ImputeStrategy.Mean), new StandardScaler()), ["size"]),
        ("cat", Pipeline.MakePipeline(new SimpleImputer(ImputeStrategy.MostFrequent), new OneHotEncoder(handleUnknown: OneHotUnknown.Ignore)), ["color"]),
    ], remainder);

    [Fact]
    public void Make_names_steps_after_their_types_like_make_pipeline()
    {
        var pipeline = Pipeline.MakePipeline(new SimpleImputer(), new StandardScaler(), new StandardScaler());

        Assert.Equal(["simpleimputer", "standardscaler-1", "standardscaler-2"], pipeline.Steps.Select(s => s.Name));
        Assert.Equal("decisiontreeclassifier", pipeline.Then(new DecisionTreeClassifier()).EstimatorName);
    }

    [Fact]
    public void A_column_transformer_names_outputs_after_transformer_and_column()
    {
        var dropped = Preprocessor(Remainder.Drop).Fit(Train).Transform(Train);
        var kept = Preprocessor(Remainder.Passthrough).Fit(Train).Transform(Train);

        Assert.Equal(["num__size", "cat__color_blue", "cat__color_red"], dropped.ColumnNames);
        Assert.Equal("remainder__id", kept.ColumnNames[^1]);
        Assert.Equal([0.0, 1, 0, 0], dropped.Numbers("cat__color_blue"));   // the missing color became "red"
    }

    [Fact]
    public void Test_data_is_transformed_with_the_state_learned_on_train()
    {
        var fitted = Preprocessor(Remainder.Drop).Fit(Train);
        var test = new Table([
            new TableColumn("size", ColumnKind.Number, [8.0 / 3]),   // the training mean of size
            new TableColumn("color", ColumnKind.Text, ["green"]),     // unknown: all zeros
            new TableColumn("id", ColumnKind.Integer, [9L]),
        ]);

        var row = fitted.Transform(test);

        Assert.Equal(0.0, row.Numbers("num__size")[0]!.Value, 1e-12);
        Assert.Equal([0.0, 0.0], [row.Numbers("cat__color_blue")[0]!.Value, row.Numbers("cat__color_red")[0]!.Value]);
    }

    [Fact]
    public void A_penguin_pipeline_learns_species_and_scores_held_out_birds()
    {
        var penguins = JsonTable.Read(DatasetDirectory.PathOf("penguins.json"));
        int[] order = Enumerable.Range(0, penguins.RowCount).OrderBy(i => (i * 7919) % 344).ToArray();
        var train = penguins.Rows(order.Take(250));
        var test = penguins.Rows(order.Skip(250));
        string[] numeric = ["Beak Length (mm)", "Beak Depth (mm)", "Flipper Length (mm)", "Body Mass (g)"];
        var model = new Pipeline(("prep", new ColumnTransformer([
                ("num", Pipeline.MakePipeline(new SimpleImputer(ImputeStrategy.Median), new StandardScaler()), numeric),
                ("cat", Pipeline.MakePipeline(new SimpleImputer(ImputeStrategy.MostFrequent), new OneHotEncoder(handleUnknown: OneHotUnknown.Ignore)), ["Island", "Sex"]),
            ])))
            .Then("tree", new DecisionTreeClassifier(maxDepth: 4));

        var fitted = model.Fit(train, train.Texts("Species")!);

        Assert.True(fitted.Score(test, test.Texts("Species")!) > 0.9);
        Assert.Contains("cat__Island_Dream", fitted.FeatureNames);
    }

    [Fact]
    public void An_estimator_fed_text_is_an_error_naming_the_column()
    {
        var model = Pipeline.MakePipeline(new SimpleImputer(ImputeStrategy.MostFrequent)).Then(new DecisionTreeClassifier());

        var error = Assert.Throws<ArgumentException>(() => model.Fit(Train, ["a", "b", "a", "b"]));

        Assert.Equal("Pipeline: column 'color' must be numeric for the estimator (encode it in a step first), but " +
            "is Text. (Parameter 'x')", error.Message);
    }

    [Fact]
    public void A_failing_step_is_named_in_the_error()
    {
        var pipeline = Pipeline.MakePipeline(new SimpleImputer(), new StandardScaler());
        var fitted = pipeline.Fit(new Table([new TableColumn("size", ColumnKind.Number, [1.0, 2.0])]));

        var error = Assert.Throws<KeyNotFoundException>(() => fitted.Transform(new Table([new TableColumn("weight", ColumnKind.Number, [1.0])])));
        var fit = Assert.Throws<ArgumentException>(() => pipeline.Fit(new Table([new TableColumn("name", ColumnKind.Text, ["a", "b"])])));

        Assert.Equal("Pipeline: step 'simpleimputer' (FittedSimpleImputer) failed during transform: Table: no column 'size'; the columns are 'weight'.", error.Message);
        Assert.IsType<KeyNotFoundException>(error.InnerException);
        Assert.Equal("Pipeline: step 'simpleimputer' (SimpleImputer) failed during fit: SimpleImputer: column " +
            "'name' must be numeric for the Mean strategy, but is Text. (Parameter 'x')", fit.Message);
    }
}
