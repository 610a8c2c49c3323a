<?xml version="1.0" encoding="utf-8"?>
<!-- heat harvests every file of the bundle; matrixdesk.exe has its own component (with a fixed
     Id for the Start-menu shortcut) in matrixdesk.wxs, so drop it from the harvest, or two
     components would install it (light's ICE30 refuses that). '\matrixdesk.exe' is 15
     characters: XPath's substring() counts from 1, so they start at length - 14. The backslash
     keeps matrixdesk-cli.exe and any other name ending in matrixdesk.exe. -->
<xsl:stylesheet version="1.0"
                xmlns:xsl="http://www.w3.org/1999/XSL/Transform"
                xmlns:wix="http://schemas.microsoft.com/wix/2006/wi">
  <xsl:output method="xml" indent="yes" />
  <xsl:key name="main-exe" match="wix:Component[wix:File[substring(@Source, string-length(@Source) - 14) = '\matrixdesk.exe']]" use="@Id" />
  <xsl:template match="@*|node()">
    <xsl:copy><xsl:apply-templates select="@*|node()" /></xsl:copy>
  </xsl:template>
  <xsl:template match="wix:Component[key('main-exe', @Id)]" />
  <xsl:template match="wix:ComponentRef[key('main-exe', @Id)]" />
</xsl:stylesheet>
