using System.Net;
using Content.Templates;
using Microsoft.Extensions.DependencyInjection;
using Platform.Core.Tenancy;
using Platform.Core.Theming;
using Platform.IntegrationTests.Infrastructure;

namespace Platform.IntegrationTests.Content;

/// <summary>A tenant's stored template overrides: they win over the theme, stay in their tenant, and a broken one never goes live.</summary>
public abstract class TemplateOverrideTests<TFixture>(TFixture fixture) where TFixture : PlatformFixture
{
    private const string OverrideHome = "<section class=\"my-home\"><h1>Trang chủ riêng của {{ site.display_name }}</h1></section>";
    private const string ThemeHomeMarker = "<section class=\"hero\">";

    [Theory]
    [InlineData(ContentSite.Default)]
    [InlineData(ContentSite.BacKan)]
    public async Task HomeOverride_WinsOverTheTheme_AndRemovingItBringsTheThemeBack(string theme)
    {
        var tenant = await ContentSite.CreateAsync(fixture, theme);
        var before = await HomeAsync(tenant);

        await EditAsync(tenant, e => e.PutLiveAsync("Home", OverrideHome, "test", CancellationToken.None));
        var overridden = await HomeAsync(tenant);
        await EditAsync(tenant, e => e.RemoveAsync("Home", "test", CancellationToken.None));
        var restored = await HomeAsync(tenant);

        Assert.Contains(ThemeHomeMarker, before, StringComparison.Ordinal);
        Assert.Contains("<section class=\"my-home\"><h1>Trang chủ riêng của Cuộc thi thử nghiệm giao diện", overridden, StringComparison.Ordinal);
        Assert.DoesNotContain(ThemeHomeMarker, overridden, StringComparison.Ordinal);
        Assert.Contains(ContentSite.Marker(theme), overridden, StringComparison.Ordinal); // still inside the theme's layout
        Assert.Contains(ThemeHomeMarker, restored, StringComparison.Ordinal);
        Assert.DoesNotContain("my-home", restored, StringComparison.Ordinal);
    }

    [Fact]
    public async Task HomeOverride_InOneTenant_DoesNotChangeAnother()
    {
        var a = await ContentSite.CreateAsync(fixture);
        var b = await ContentSite.CreateAsync(fixture);
        _ = await HomeAsync(b); // cached in b before a changes anything

        await EditAsync(a, e => e.PutLiveAsync("Home", OverrideHome, "test", CancellationToken.None));
        await InvalidateAsync(b);

        Assert.Contains("my-home", await HomeAsync(a), StringComparison.Ordinal);
        var other = await HomeAsync(b);
        Assert.DoesNotContain("my-home", other, StringComparison.Ordinal);
        Assert.Contains(ThemeHomeMarker, other, StringComparison.Ordinal);
    }

    [Fact]
    public async Task LayoutOverride_ReplacesTheLayoutOfEveryPage()
    {
        var tenant = await ContentSite.CreateAsync(fixture);

        await EditAsync(tenant, e => e.PutLiveAsync("Layout", "<!doctype html><title>{{ title }}</title><div class=\"my-layout\">{{ content }}</div>", "test", CancellationToken.None));
        var html = await fixture.CreateClient().GetStringAsync($"/{tenant.Prefix}/{ContentSite.RulesSlug}");

        Assert.Contains("<div class=\"my-layout\">", html, StringComparison.Ordinal);
        Assert.Contains(ContentSite.RulesText, html, StringComparison.Ordinal);
        Assert.DoesNotContain(ContentSite.Marker(ContentSite.Default), html, StringComparison.Ordinal);
    }

    [Fact]
    public async Task BrokenOverride_IsRefusedWithLineAndColumn_AndTheLivePageIsUnchanged()
    {
        var tenant = await ContentSite.CreateAsync(fixture);
        await InvalidateAsync(tenant);
        var before = await HomeAsync(tenant);

        var error = await Assert.ThrowsAsync<TemplateParseException>(() =>
            EditAsync(tenant, e => e.SaveDraftAsync("Home", "<h1>Trang chủ</h1>\n<p>{{ site.display_name | }}</p>", "test", CancellationToken.None)));
        await InvalidateAsync(tenant);
        var after = await HomeAsync(tenant);

        Assert.Equal(2, error.Line);
        Assert.NotNull(error.Column);
        Assert.Contains("Home", error.Message, StringComparison.Ordinal);
        Assert.Contains("dòng 2", error.Message, StringComparison.Ordinal);
        Assert.Equal(before, after);
        Assert.Null(await EditAsync(tenant, e => e.FindAsync("Home", CancellationToken.None)));
    }

    [Fact]
    public async Task BrokenOverride_OverALiveOne_KeepsTheLiveOne()
    {
        var tenant = await ContentSite.CreateAsync(fixture);
        await EditAsync(tenant, e => e.PutLiveAsync("Home", OverrideHome, "test", CancellationToken.None));

        await Assert.ThrowsAsync<TemplateParseException>(() => EditAsync(tenant, e => e.PutLiveAsync("Home", "{% if x %}không đóng", "test", CancellationToken.None)));
        await InvalidateAsync(tenant);

        Assert.Contains("my-home", await HomeAsync(tenant), StringComparison.Ordinal);
        var row = await EditAsync(tenant, e => e.FindAsync("Home", CancellationToken.None));
        Assert.Equal(OverrideHome, row!.Source);
    }

    [Fact]
    public async Task Draft_IsNotLiveUntilPublished()
    {
        var tenant = await ContentSite.CreateAsync(fixture);

        await EditAsync(tenant, e => e.SaveDraftAsync("Home", OverrideHome, "test", CancellationToken.None));
        await InvalidateAsync(tenant);
        var whileDraft = await HomeAsync(tenant);
        await EditAsync(tenant, e => e.PublishAsync("Home", "test", CancellationToken.None));
        var published = await HomeAsync(tenant);

        Assert.DoesNotContain("my-home", whileDraft, StringComparison.Ordinal);
        Assert.Contains(ThemeHomeMarker, whileDraft, StringComparison.Ordinal);
        Assert.Contains("my-home", published, StringComparison.Ordinal);
    }

    [Fact]
    public async Task Override_OfATemplateThatDoesNotExist_IsRefused()
    {
        var tenant = await ContentSite.CreateAsync(fixture);

        await Assert.ThrowsAsync<TemplateParseException>(() => EditAsync(tenant, e => e.SaveDraftAsync("KhongCo", "<p>x</p>", "test", CancellationToken.None)));
    }

    private async Task<string> HomeAsync(TenantInfo tenant)
    {
        var response = await fixture.CreateClient().GetAsync($"/{tenant.Prefix}/");
        Assert.Equal(HttpStatusCode.OK, response.StatusCode);
        return await response.Content.ReadAsStringAsync();
    }

    private Task EditAsync(TenantInfo tenant, Func<TemplateEditor, Task> action) => ContentSite.WithAsync(fixture, tenant, action);

    private Task<T> EditAsync<T>(TenantInfo tenant, Func<TemplateEditor, Task<T>> action) => ContentSite.WithAsync(fixture, tenant, action);

    // Drops the tenant's cached pages, so the next request renders again (and a comparison is not with a cached copy).
    private async Task InvalidateAsync(TenantInfo tenant) =>
        await fixture.Services.GetRequiredService<SiteCache>().InvalidateAsync(tenant, CancellationToken.None);
}

[Collection(SqliteSuite.Name)]
public sealed class SqliteTemplateOverrideTests(SqliteFixture fixture) : TemplateOverrideTests<SqliteFixture>(fixture);

[Collection(PostgresSuite.Name)]
public sealed class PostgresTemplateOverrideTests(PostgresFixture fixture) : TemplateOverrideTests<PostgresFixture>(fixture);
