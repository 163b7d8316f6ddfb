package dev.ledge.uap;

import static org.junit.jupiter.api.Assertions.assertEquals;

import org.junit.jupiter.api.Test;

/** Real user-agent strings of the common clients, and what the ua-parser project calls them. */
class UserAgentParserTest {
    private static void parses(String ua, String family, String major, String minor, String patch) {
        assertEquals(new UserAgent(family, major, minor, patch), UserAgentParser.parse(ua), ua);
    }

    @Test
    void desktopBrowsers() {
        parses("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.6099.109 Safari/537.36",
                "Chrome", "120", "0", "6099");
        parses("Mozilla/5.0 (X11; Linux x86_64; rv:121.0) Gecko/20100101 Firefox/121.0", "Firefox", "121", "0", "");
        parses("Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2.1 Safari/605.1.15",
                "Safari", "17", "2", "1");
        parses("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36 Edg/120.0.2210.91",
                "Edge", "120", "0", "2210");
        parses("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/70.0.3538.102 Safari/537.36 Edge/18.19582",
                "Edge", "18", "19582", "");
        parses("Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/119.0.0.0 Safari/537.36 OPR/105.0.0.0",
                "Opera", "105", "0", "0");
        parses("Mozilla/5.0 (Windows NT 6.1; WOW64; Trident/7.0; rv:11.0) like Gecko", "IE", "11", "0", "");
        parses("Mozilla/5.0 (compatible; MSIE 10.0; Windows NT 6.2; Trident/6.0)", "IE", "10", "0", "");
    }

    @Test
    void mobileBrowsers() {
        parses("Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Mobile/15E148 Safari/604.1",
                "Mobile Safari", "17", "2", "");
        parses("Mozilla/5.0 (Linux; Android 10; K) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.6099.144 Mobile Safari/537.36",
                "Chrome Mobile", "120", "0", "6099");
        parses("Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/120.0.6099.119 Mobile/15E148 Safari/604.1",
                "Chrome Mobile iOS", "120", "0", "6099");
        parses("Mozilla/5.0 (Linux; Android 13; SM-S901B; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/119.0.6045.163 Mobile Safari/537.36",
                "Chrome Mobile WebView", "119", "0", "6045");
        parses("Mozilla/5.0 (Android 14; Mobile; rv:121.0) Gecko/121.0 Firefox/121.0", "Firefox Mobile", "121", "0", "");
        parses("Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) FxiOS/121.0 Mobile/15E148 Safari/605.1.15",
                "Firefox iOS", "121", "0", "");
        parses("Mozilla/5.0 (Linux; Android 13; SAMSUNG SM-S918B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/23.0 Chrome/115.0.0.0 Mobile Safari/537.36",
                "Samsung Internet", "23", "0", "");
        parses("Mozilla/5.0 (Linux; Android 10; HD1913) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.6099.144 Mobile Safari/537.36 EdgA/120.0.2210.115",
                "Edge Mobile", "120", "0", "2210");
    }

    @Test
    void toolsAndCrawlers() {
        parses("curl/8.5.0", "curl", "8", "5", "0");
        parses("Wget/1.21.4", "Wget", "1", "21", "4");
        parses("python-requests/2.31.0", "Python Requests", "2", "31", "0");
        parses("Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)", "Googlebot", "2", "1", "");
        parses("Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)", "bingbot", "2", "0", "");
    }

    @Test
    void anythingElseIsOther() {
        parses("", "Other", "", "", "");
        parses("my-own-client", "Other", "", "", "");
        parses("Mozilla/5.0", "Other", "", "", "");
    }
}
