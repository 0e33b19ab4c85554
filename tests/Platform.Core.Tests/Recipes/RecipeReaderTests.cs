using Platform.Core.Recipes;
using Platform.Core.Tenancy;

namespace Platform.Core.Tests.Recipes;

public sealed class RecipeReaderTests : IDisposable
{
    private readonly string _folder = Path.Combine(Path.GetTempPath(), "platform-core-tests", Guid.NewGuid().ToString("N"));
    private readonly RecipeReader _reader = new([new EchoStep(), new CountStep()]);

    public RecipeReaderTests() => Directory.CreateDirectory(_folder);

    private string RecipeFile => Path.Combine(_folder, "recipe.json");

    public void Dispose() => Directory.Delete(_folder, recursive: true);

    [Fact]
    public void Read_WhenRecipeIsValid_ReturnsStepsInFileOrderWithTypedData()
    {
        // Arrange
        Write("""
            {
              "displayName": "Cuộc thi Bắc Kạn 2023",
              "description": "Tìm hiểu lịch sử",
              "steps": [
                { "name": "count", "count": 3 },
                { "name": "echo", "text": "xin chào" },
                { "name": "count", "count": 5 }
              ]
            }
            """);

        // Act
        var recipe = _reader.Read(_folder);

        // Assert
        Assert.Equal(Path.GetFullPath(_folder), recipe.Folder);
        Assert.Equal("Cuộc thi Bắc Kạn 2023", recipe.DisplayName);
        Assert.Equal([1, 2, 3], recipe.Steps.Select(s => s.Index));
        Assert.Equal(["count", "echo", "count"], recipe.Steps.Select(s => s.Handler.Name));
        Assert.Equal(3, Assert.IsType<CountData>(recipe.Steps[0].Data).Count);
        var echo = Assert.IsType<EchoData>(recipe.Steps[1].Data);
        Assert.Equal("echo", echo.Name);
        Assert.Equal("xin chào", echo.Text);
        Assert.Equal(5, Assert.IsType<CountData>(recipe.Steps[2].Data).Count);
    }

    [Fact]
    public void Read_WhenStepsIsEmpty_ReturnsNoSteps()
    {
        // Arrange
        Write("""{ "displayName": "Trống", "steps": [] }""");

        // Act
        var recipe = _reader.Read(_folder);

        // Assert
        Assert.Empty(recipe.Steps);
    }

    [Fact]
    public void Read_WhenStepNameIsUnknown_MessageNamesStepAndListsKnownSteps()
    {
        // Arrange
        Write("""
            {
              "displayName": "X",
              "steps": [
                { "name": "echo", "text": "a" },
                { "name": "import-questions", "file": "q.csv" }
              ]
            }
            """);

        // Act
        var ex = Assert.Throws<RecipeException>(() => _reader.Read(_folder));

        // Assert
        Assert.Contains(RecipeFile, ex.Message, StringComparison.Ordinal);
        Assert.Contains("step 2 'import-questions'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("count, echo", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_WhenStepNameDiffersInCase_RefusesIt()
    {
        // Arrange
        Write("""{ "displayName": "X", "steps": [ { "name": "Echo", "text": "a" } ] }""");

        // Act
        var ex = Assert.Throws<RecipeException>(() => _reader.Read(_folder));

        // Assert
        Assert.Contains("step 1 'Echo'", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_WhenStepHasUnknownField_MessageNamesStepAndField()
    {
        // Arrange
        Write("""
            {
              "displayName": "X",
              "steps": [
                { "name": "echo", "text": "a" },
                { "name": "count", "count": 2, "colour": "red" }
              ]
            }
            """);

        // Act
        var ex = Assert.Throws<RecipeException>(() => _reader.Read(_folder));

        // Assert
        Assert.Contains(RecipeFile, ex.Message, StringComparison.Ordinal);
        Assert.Contains("step 2 'count'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("colour", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_WhenStepFieldHasWrongType_MessageNamesStepAndPath()
    {
        // Arrange
        Write("""{ "displayName": "X", "steps": [ { "name": "count", "count": "ba" } ] }""");

        // Act
        var ex = Assert.Throws<RecipeException>(() => _reader.Read(_folder));

        // Assert
        Assert.Contains("step 1 'count'", ex.Message, StringComparison.Ordinal);
        Assert.Contains("field 'count'", ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    // No displayName at all.
    [InlineData("""{ "steps": [] }""", "'displayName' is required")]
    // Blank displayName.
    [InlineData("""{ "displayName": "  ", "steps": [] }""", "'displayName' is required")]
    // steps is an object.
    [InlineData("""{ "displayName": "X", "steps": { "name": "echo" } }""", "'steps' must be an array")]
    // steps is a string.
    [InlineData("""{ "displayName": "X", "steps": "echo" }""", "'steps' must be an array")]
    // A step without a name.
    [InlineData("""{ "displayName": "X", "steps": [ { "name": "echo" }, { "text": "a" } ] }""", "step 2 has no 'name'")]
    // A step that is not an object.
    [InlineData("""{ "displayName": "X", "steps": [ "echo" ] }""", "step 1 must be an object")]
    // A step with an empty name.
    [InlineData("""{ "displayName": "X", "steps": [ { "name": "" } ] }""", "step 1 has no 'name'")]
    // An unknown top-level field.
    [InlineData("""{ "displayName": "X", "stpes": [] }""", "unknown field 'stpes'")]
    // The root is not an object.
    [InlineData("""[ { "name": "echo" } ]""", "must be a JSON object")]
    public void Read_WhenRecipeIsMalformed_ThrowsRecipeExceptionNamingTheProblem(string json, string expected)
    {
        // Arrange
        Write(json);

        // Act
        var ex = Assert.Throws<RecipeException>(() => _reader.Read(_folder));

        // Assert
        Assert.Contains(RecipeFile, ex.Message, StringComparison.Ordinal);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Theory]
    // displayName is a number.
    [InlineData("""{ "displayName": 42, "steps": [] }""")]
    // A step name is a number.
    [InlineData("""{ "displayName": "X", "steps": [ { "name": 5 } ] }""")]
    // A step name is an object.
    [InlineData("""{ "displayName": "X", "steps": [ { "name": { "x": 1 } } ] }""")]
    public void Read_WhenFieldHasWrongJsonKind_ThrowsRecipeExceptionNamingTheFile(string json)
    {
        // Arrange
        Write(json);

        // Act
        var ex = Record.Exception(() => _reader.Read(_folder));

        // Assert
        var recipeException = Assert.IsType<RecipeException>(ex);
        Assert.Contains(RecipeFile, recipeException.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_WhenJsonIsSyntacticallyWrong_MessageNamesLineAndColumn()
    {
        // Arrange
        Write("""
            {
              "displayName": "X",
              "steps": [
                { "name": "echo" "text": "a" }
              ]
            }
            """);

        // Act
        var ex = Assert.Throws<RecipeException>(() => _reader.Read(_folder));

        // Assert
        Assert.Contains(RecipeFile, ex.Message, StringComparison.Ordinal);
        Assert.Contains("line 4,", ex.Message, StringComparison.Ordinal);
        Assert.Contains("column", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void Read_WhenCommentsAndTrailingCommasAreBetweenSteps_AcceptsThem()
    {
        // Arrange
        Write("""
            // Cuộc thi mẫu
            {
              /* hiển thị */
              "displayName": "X",
              "steps": [
                // bước đầu
                { "name": "echo", "text": "a" },
                { "name": "count", "count": 1 },
              ],
            }
            """);

        // Act
        var recipe = _reader.Read(_folder);

        // Assert
        Assert.Equal(["echo", "count"], recipe.Steps.Select(s => s.Handler.Name));
    }

    [Theory]
    // A line comment inside a step object.
    [InlineData("{\n  \"name\": \"count\",\n  // số lần\n  \"count\": 4\n}")]
    // A block comment inside a step object.
    [InlineData("{ \"name\": \"count\", /* số lần */ \"count\": 4 }")]
    // A trailing comma inside a step object.
    [InlineData("{ \"name\": \"count\", \"count\": 4, }")]
    public void Read_WhenCommentsOrTrailingCommasAreInsideAStep_AcceptsThem(string step)
    {
        // Arrange
        Write($$"""
            {
              "displayName": "X",
              "steps": [
                {{step}}
              ]
            }
            """);

        // Act
        var recipe = _reader.Read(_folder);

        // Assert
        Assert.Equal(4, Assert.IsType<CountData>(Assert.Single(recipe.Steps).Data).Count);
    }

    [Fact]
    public void Read_WhenRecipeJsonIsMissing_MessageSaysNotFound()
    {
        // Act
        var ex = Assert.Throws<RecipeException>(() => _reader.Read(_folder));

        // Assert
        Assert.Contains(RecipeFile, ex.Message, StringComparison.Ordinal);
        Assert.Contains("not found", ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void StepNames_WhenHandlersRegistered_AreSortedOrdinally()
    {
        // Assert
        Assert.Equal(["count", "echo"], _reader.StepNames);
    }

    [Fact]
    public async Task ExecuteAsync_WhenCalledThroughInterface_PassesTypedData()
    {
        // Arrange
        Write("""{ "displayName": "X", "steps": [ { "name": "echo", "text": "xin chào" } ] }""");
        var step = Assert.Single(_reader.Read(_folder).Steps);
        using var output = new StringWriter();
        var context = new RecipeContext(RecipeContextTests.SampleTenant, _folder, RecipeContextTests.NoServices.Instance, output);

        // Act
        await step.Handler.ExecuteAsync(step.Data, context, CancellationToken.None);

        // Assert
        Assert.Equal("xin chào", output.ToString());
    }

    private void Write(string json) => File.WriteAllText(RecipeFile, json);
}

public sealed class RecipeContextTests : IDisposable
{
    internal static readonly TenantInfo SampleTenant =
        new("t1", "backan-2023", "Bắc Kạn", TenantState.Initializing, "backan-2023", [], "vi-VN", "Asia/Ho_Chi_Minh", "Default", null, null);

    private readonly string _root = Path.Combine(Path.GetTempPath(), "platform-core-tests", Guid.NewGuid().ToString("N"));

    public RecipeContextTests()
    {
        Directory.CreateDirectory(Path.Combine(_root, "recipe", "data"));
        Directory.CreateDirectory(Path.Combine(_root, "recipe-other"));
        File.WriteAllText(Path.Combine(_root, "recipe", "data", "users.csv"), "a");
        File.WriteAllText(Path.Combine(_root, "recipe", "logo.png"), "a");
        File.WriteAllText(Path.Combine(_root, "secret.txt"), "a");
        File.WriteAllText(Path.Combine(_root, "recipe-other", "x.csv"), "a");
    }

    private string Folder => Path.Combine(_root, "recipe");

    public void Dispose() => Directory.Delete(_root, recursive: true);

    [Theory]
    // A file in a subfolder.
    [InlineData("data/users.csv", "data/users.csv")]
    // A file at the top of the folder.
    [InlineData("logo.png", "logo.png")]
    // Going up and back in stays inside.
    [InlineData("data/../logo.png", "logo.png")]
    // Current-folder prefix.
    [InlineData("./data/users.csv", "data/users.csv")]
    public void ResolveFile_WhenFileIsInsideFolder_ReturnsFullPath(string relativePath, string expected)
    {
        // Arrange
        var context = CreateContext();

        // Act
        var full = context.ResolveFile("import-users", relativePath);

        // Assert
        Assert.Equal(Path.GetFullPath(Path.Combine(Folder, expected)), full);
    }

    [Theory]
    // The parent folder (the file exists there).
    [InlineData("../secret.txt", "outside the recipe folder")]
    // A sibling folder whose name starts with the recipe folder's name.
    [InlineData("../recipe-other/x.csv", "outside the recipe folder")]
    // Deeper first, then out.
    [InlineData("data/../../secret.txt", "outside the recipe folder")]
    // A file that does not exist.
    [InlineData("data/missing.csv", "does not exist")]
    // A folder, not a file.
    [InlineData("data", "does not exist")]
    // Empty.
    [InlineData("", "is required")]
    public void ResolveFile_WhenPathIsRefused_MessageNamesStepAndReason(string relativePath, string expected)
    {
        // Arrange
        var context = CreateContext();

        // Act
        var ex = Assert.Throws<RecipeException>(() => context.ResolveFile("import-users", relativePath));

        // Assert
        Assert.Contains("step 'import-users'", ex.Message, StringComparison.Ordinal);
        Assert.Contains(expected, ex.Message, StringComparison.Ordinal);
    }

    [Fact]
    public void ResolveFile_WhenPathIsAbsoluteOutsideFolder_Refuses()
    {
        // Arrange
        var context = CreateContext();

        // Act
        var ex = Assert.Throws<RecipeException>(() => context.ResolveFile("import-users", Path.Combine(_root, "secret.txt")));

        // Assert
        Assert.Contains("outside the recipe folder", ex.Message, StringComparison.Ordinal);
    }

    private RecipeContext CreateContext() => new(SampleTenant, Folder, NoServices.Instance, TextWriter.Null);

    internal sealed class NoServices : IServiceProvider
    {
        public static readonly NoServices Instance = new();

        public object? GetService(Type serviceType) => null;
    }
}

public sealed class EchoData : RecipeStepData
{
    public string Text { get; set; } = string.Empty;
}

public sealed class EchoStep : RecipeStep<EchoData>
{
    public override string Name => "echo";

    protected override async Task RunAsync(EchoData data, RecipeContext context, CancellationToken cancellationToken) =>
        await context.Output.WriteAsync(data.Text);
}

public sealed class CountData : RecipeStepData
{
    public int Count { get; set; }
}

public sealed class CountStep : RecipeStep<CountData>
{
    public override string Name => "count";

    protected override Task RunAsync(CountData data, RecipeContext context, CancellationToken cancellationToken) => Task.CompletedTask;
}
