using Platform.Core.Modules;

namespace Platform.Core.Tests.Architecture;

/// <summary>Modules talk through Platform.Core contracts: the core references no module, and no module another.</summary>
public sealed class ModuleBoundaryTests
{
    private static readonly string Root = FindRoot();

    [Fact]
    public void PlatformCore_ReferencesNoModule()
    {
        var references = typeof(IModule).Assembly.GetReferencedAssemblies().Select(a => a.Name).ToList();

        Assert.NotEmpty(ModuleNames());
        Assert.All(ModuleNames(), module => Assert.DoesNotContain(module, references));
    }

    [Fact]
    public void EveryModuleProject_ReferencesOnlyPlatformCore()
    {
        foreach (var project in Directory.GetFiles(Path.Combine(Root, "src", "Modules"), "*.csproj", SearchOption.AllDirectories))
        {
            var text = File.ReadAllText(project);
            var references = System.Text.RegularExpressions.Regex.Matches(text, "ProjectReference Include=\"([^\"]+)\"").Select(m => Path.GetFileNameWithoutExtension(m.Groups[1].Value.Replace('\\', '/'))).ToList();

            Assert.Equal(["Platform.Core"], references);
        }
    }

    private static List<string> ModuleNames() =>
        Directory.GetDirectories(Path.Combine(Root, "src", "Modules")).Select(d => Path.GetFileName(d)!).ToList();

    private static string FindRoot()
    {
        for (var dir = new DirectoryInfo(AppContext.BaseDirectory); dir is not null; dir = dir.Parent)
        {
            if (File.Exists(Path.Combine(dir.FullName, "Platform.sln")))
            {
                return dir.FullName;
            }
        }

        throw new InvalidOperationException("Platform.sln not found.");
    }

    // Keeps the reflection-based check honest: the core assembly is the one modules implement against.
    [Fact]
    public void TheModuleContract_LivesInPlatformCore() => Assert.Equal("Platform.Core", typeof(IModule).Assembly.GetName().Name);
}
