namespace Platform.BrowserTests;

/// <summary>All browser tests share one server and one browser, and run one after the other.</summary>
[CollectionDefinition(Name)]
public sealed class PlatformCollectionDefinition : ICollectionFixture<PlatformServerFixture>, ICollectionFixture<ChromiumFixture>
{
    public const string Name = "Platform.Web in Chromium";
}
