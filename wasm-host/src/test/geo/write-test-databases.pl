#!/usr/bin/perl
# Writes the MaxMind DB (MMDB) files the geolocation tests read, with Debian's
# libmaxmind-db-writer-perl: usage: write-test-databases.pl OUTPUT_DIR
#   city.mmdb      GeoLite2-City shaped (nested records, as MaxMind ships them)
#   city-v2.mmdb   the same with Buenos Aires renamed, for the reload test
#   asn.mmdb       GeoLite2-ASN shaped
#   conn.mmdb      GeoIP2-Connection-Type shaped
#   anon.mmdb      GeoIP2-Anonymous-IP shaped
#   flat.mmdb      @ip-location-db/*-city-mmdb shaped (flat country_code, state1, city, ...)
use strict;
use warnings;
use utf8;
use MaxMind::DB::Writer::Tree;

my $out = shift or die "usage: $0 OUTPUT_DIR\n";

my %types = (
    city => 'map', continent => 'map', country => 'map', registered_country => 'map',
    location => 'map', postal => 'map', subdivisions => ['array', 'map'], names => 'map',
    en => 'utf8_string', code => 'utf8_string', iso_code => 'utf8_string', geoname_id => 'uint32',
    latitude => 'double', longitude => 'double', time_zone => 'utf8_string',
    accuracy_radius => 'uint16', metro_code => 'uint16',
    autonomous_system_number => 'uint32', autonomous_system_organization => 'utf8_string',
    connection_type => 'utf8_string',
    is_anonymous => 'boolean', is_anonymous_vpn => 'boolean', is_hosting_provider => 'boolean',
    is_public_proxy => 'boolean', is_residential_proxy => 'boolean', is_tor_exit_node => 'boolean',
);
# The flat layout reuses the name "city" for a string.
my %flat_types = (
    country_code => 'utf8_string', state1 => 'utf8_string', state2 => 'utf8_string', city => 'utf8_string',
    postcode => 'utf8_string', latitude => 'double', longitude => 'double', timezone => 'utf8_string',
);

sub write_db {
    my ($file, $type, $networks, $key_types) = @_;
    $key_types //= \%types;
    my $tree = MaxMind::DB::Writer::Tree->new(
        ip_version => 6,
        record_size => 28,
        database_type => $type,
        languages => ['en'],
        description => { en => "Ledge test database ($type)" },
        map_key_type_callback => sub { $key_types->{ $_[0] } },
    );
    for my $n (@$networks) {
        $tree->insert_network($n->[0], $n->[1]);
    }
    open my $fh, '>:raw', "$out/$file" or die "$out/$file: $!";
    $tree->write_tree($fh);
    close $fh or die "$out/$file: $!";
}

sub city_record {
    my (%a) = @_;
    my %r = (
        continent => { code => $a{continent}, names => { en => $a{continent_name} } },
        country => { iso_code => $a{country}, names => { en => $a{country_name} } },
        registered_country => { iso_code => $a{country}, names => { en => $a{country_name} } },
        location => { latitude => $a{lat}, longitude => $a{lon}, time_zone => $a{tz}, accuracy_radius => 20 },
    );
    $r{city} = { names => { en => $a{city} } } if $a{city};
    $r{postal} = { code => $a{postal} } if $a{postal};
    $r{subdivisions} = [ { iso_code => $a{region}, names => { en => $a{region_name} } } ] if $a{region};
    $r{location}{metro_code} = $a{metro} if $a{metro};
    return \%r;
}

sub cities {
    my ($buenos_aires) = @_;
    return [
        ['181.0.0.0/16', city_record(city => $buenos_aires, country => 'AR', country_name => 'Argentina',
            continent => 'SA', continent_name => 'South America', region => 'C', region_name => 'Buenos Aires F.D.',
            postal => 'C1000', lat => -34.6037, lon => -58.3816, tz => 'America/Argentina/Buenos_Aires')],
        ['187.130.0.0/16', city_record(city => 'Mexico City', country => 'MX', country_name => 'Mexico',
            continent => 'NA', continent_name => 'North America', region => 'CMX', region_name => 'Mexico City',
            postal => '06000', lat => 19.4326, lon => -99.1332, tz => 'America/Mexico_City')],
        ['177.0.0.0/16', city_record(city => 'São Paulo', country => 'BR', country_name => 'Brazil',
            continent => 'SA', continent_name => 'South America', region => 'SP', region_name => 'São Paulo',
            postal => '01000-000', lat => -23.5505, lon => -46.6333, tz => 'America/Sao_Paulo')],
        ['80.58.0.0/16', city_record(city => 'Madrid', country => 'ES', country_name => 'Spain',
            continent => 'EU', continent_name => 'Europe', region => 'MD', region_name => 'Madrid',
            postal => '28001', lat => 40.4168, lon => -3.7038, tz => 'Europe/Madrid')],
        ['2804:14c::/32', city_record(city => 'São Paulo', country => 'BR', country_name => 'Brazil',
            continent => 'SA', continent_name => 'South America', region => 'SP', region_name => 'São Paulo',
            lat => -23.5505, lon => -46.6333, tz => 'America/Sao_Paulo')],
        # a country-level record: no city, postal code, subdivision or time zone
        ['190.0.0.0/16', { country => { iso_code => 'UY', names => { en => 'Uruguay' } },
            continent => { code => 'SA', names => { en => 'South America' } } }],
    ];
}

write_db('city.mmdb', 'GeoLite2-City', cities('Buenos Aires'));
write_db('city-v2.mmdb', 'GeoLite2-City', cities('Ciudad de Buenos Aires'));
write_db('asn.mmdb', 'GeoLite2-ASN', [
    ['181.0.0.0/16', { autonomous_system_number => 7303, autonomous_system_organization => 'Telecom Argentina S.A.' }],
    ['187.130.0.0/16', { autonomous_system_number => 8151, autonomous_system_organization => 'UNINET' }],
    ['80.58.0.0/16', { autonomous_system_number => 3352, autonomous_system_organization => 'TELEFONICA DE ESPANA S.A.U.' }],
    ['2804:14c::/32', { autonomous_system_number => 28573, autonomous_system_organization => 'Claro NXT Telecomunicacoes Ltda' }],
]);
write_db('conn.mmdb', 'GeoIP2-Connection-Type', [
    ['181.0.0.0/16', { connection_type => 'Cable/DSL' }],
    ['187.130.0.0/16', { connection_type => 'Cellular' }],
]);
write_db('anon.mmdb', 'GeoIP2-Anonymous-IP', [
    ['187.130.0.0/16', { is_anonymous => 1, is_anonymous_vpn => 1 }],
    ['80.58.0.0/16', { is_anonymous => 1, is_hosting_provider => 1 }],
]);
write_db('flat.mmdb', 'geolite2-city', [
    ['181.0.0.0/16', { country_code => 'AR', state1 => 'Buenos Aires F.D.', city => 'Buenos Aires', postcode => 'C1000',
        latitude => -34.6037, longitude => -58.3816, timezone => 'America/Argentina/Buenos_Aires' }],
    ['80.58.0.0/16', { country_code => 'ES', state1 => 'Madrid', city => 'Madrid', postcode => '28001',
        latitude => 40.4168, longitude => -3.7038, timezone => 'Europe/Madrid' }],
    ['2804:14c::/32', { country_code => 'BR', city => 'São Paulo', latitude => -23.5505, longitude => -46.6333,
        timezone => 'America/Sao_Paulo' }],
], \%flat_types);
