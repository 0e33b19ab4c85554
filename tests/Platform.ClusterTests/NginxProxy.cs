using System.Globalization;
using System.Net;

namespace Platform.ClusterTests;

/// <summary>
/// Debian's nginx as a child process in the foreground with a config of its own in a temp folder: one loopback port,
/// an upstream with the nodes, a dead node skipped (<c>proxy_next_upstream</c>) and taken out for 2 s, the headers
/// the production site sets (deploy/nginx/contest-platform.conf). Logs go to the results folder.
/// </summary>
internal sealed class NginxProxy : IAsyncDisposable
{
    private readonly ChildProcess _process;
    private readonly string _executable;
    private readonly string _prefix;

    public NginxProxy()
    {
        var configured = Environment.GetEnvironmentVariable("PLATFORM_TEST_NGINX");
        _executable = !string.IsNullOrWhiteSpace(configured) ? configured
            : TestPaths.FindExecutable("nginx")
            ?? throw new InvalidOperationException(
                "nginx is not installed and PLATFORM_TEST_NGINX is not set: run the tests through ./test.sh (it installs Debian's nginx) or apt-get install nginx.");
        if (!File.Exists(_executable))
        {
            throw new InvalidOperationException($"PLATFORM_TEST_NGINX points to '{_executable}', which does not exist.");
        }

        Port = TestPaths.FreeLoopbackPort();
        BaseAddress = new Uri($"http://127.0.0.1:{Port}");
        _prefix = Directory.CreateTempSubdirectory("platform-cluster-nginx-").FullName;
        _process = new ChildProcess("nginx", Path.Combine(TestPaths.ResultsRoot, "nginx.log"));
    }

    public int Port { get; }

    /// <summary>When set (before the first start), <c>/bare/</c> is passed to bare Kestrel on this port: the benchmark's baseline behind the same proxy.</summary>
    public int? BarePort { get; set; }

    public Uri BaseAddress { get; }

    public bool IsRunning => _process.IsRunning;

    public string LogTail()
    {
        var error = Path.Combine(TestPaths.ResultsRoot, "nginx-error.log");
        var text = File.Exists(error) ? ReadShared(error) : string.Empty;
        return _process.Tail() + Environment.NewLine + "--- nginx-error.log ---" + Environment.NewLine + (text.Length > 6000 ? "…" + text[^6000..] : text);
    }

    public async Task StartAsync(IEnumerable<PlatformNode> nodes, string tenantPath)
    {
        if (!_process.IsRunning)
        {
            var config = Path.Combine(_prefix, "nginx.conf");
            await File.WriteAllTextAsync(config, Config(nodes));
            File.Copy(config, Path.Combine(TestPaths.ResultsRoot, "nginx.conf"), overwrite: true);
            _process.Start(ChildProcess.Describe(_executable, _prefix, ["-p", _prefix + "/", "-e", Path.Combine(TestPaths.ResultsRoot, "nginx-error.log"), "-c", config, "-g", "daemon off;"]));
        }

        using var http = new HttpClient(new HttpClientHandler { AllowAutoRedirect = false }) { Timeout = TimeSpan.FromSeconds(10) };
        var url = new Uri(BaseAddress, tenantPath);
        await Poll.UntilAsync($"nginx: {url} answering 200", TimeSpan.FromSeconds(60), async () =>
        {
            if (!_process.IsRunning)
            {
                throw new InvalidOperationException($"nginx exited with code {_process.ExitCode}.{Environment.NewLine}{LogTail()}");
            }

            using var response = await http.GetAsync(url);
            return (response.StatusCode == HttpStatusCode.OK, $"HTTP {(int)response.StatusCode}");
        }, TimeSpan.FromMilliseconds(200), LogTail);
    }

    private string Config(IEnumerable<PlatformNode> nodes)
    {
        var logs = TestPaths.ResultsRoot;
        var servers = string.Concat(nodes.Select(n => string.Create(CultureInfo.InvariantCulture, $"        server 127.0.0.1:{n.Port} max_fails=1 fail_timeout=2s;\n")));
        return $$"""
            {{(Environment.UserName == "root" ? "user root root;" : "")}}
            worker_processes auto;
            pid {{_prefix}}/nginx.pid;
            error_log {{logs}}/nginx-error.log info;
            events { worker_connections 4096; }
            http {
                log_format upstreams '$time_iso8601 $request_method $uri $status upstream=$upstream_addr upstream_status=$upstream_status $request_time';
                access_log {{logs}}/nginx-access.log upstreams;
                client_body_temp_path {{_prefix}}/client_body;
                proxy_temp_path {{_prefix}}/proxy;
                fastcgi_temp_path {{_prefix}}/fastcgi;
                uwsgi_temp_path {{_prefix}}/uwsgi;
                scgi_temp_path {{_prefix}}/scgi;
                upstream contest_platform {
                    least_conn;
            {{servers}}
                    keepalive 64;
                }
            {{(BarePort is { } bare ? $"    upstream bare_kestrel {{ server 127.0.0.1:{bare}; keepalive 64; }}" : "")}}
                server {
                    listen 127.0.0.1:{{Port}};
                    client_max_body_size 26m;
                    proxy_http_version 1.1;
                    proxy_set_header Connection "";
                    proxy_set_header Host $host;
                    proxy_set_header X-Forwarded-For $proxy_add_x_forwarded_for;
                    proxy_set_header X-Forwarded-Proto $scheme;
                    proxy_set_header X-Forwarded-Host $host;
                    proxy_set_header X-Real-IP $remote_addr;
                    proxy_connect_timeout 2s;
                    proxy_send_timeout 60s;
                    proxy_read_timeout 60s;
                    proxy_next_upstream error timeout http_502 http_503;
                    proxy_next_upstream_tries 2;
                    location / {
                        proxy_pass http://contest_platform;
                    }
            {{(BarePort is null ? "" : "        location /bare/ { proxy_pass http://bare_kestrel/; }")}}
                }
            }
            """;
    }

    private static string ReadShared(string path)
    {
        using var stream = new FileStream(path, FileMode.Open, FileAccess.Read, FileShare.ReadWrite | FileShare.Delete);
        using var reader = new StreamReader(stream);
        return reader.ReadToEnd();
    }

    public async ValueTask DisposeAsync()
    {
        await _process.DisposeAsync();
        try
        {
            Directory.Delete(_prefix, recursive: true);
        }
        catch (IOException)
        {
        }
        catch (UnauthorizedAccessException)
        {
        }
    }
}
